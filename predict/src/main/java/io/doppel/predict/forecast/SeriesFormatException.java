package io.doppel.predict.forecast;

/** A series file that cannot be read; the message names the line and column. */
public final class SeriesFormatException extends RuntimeException {
  public SeriesFormatException(String message) {
    super(message);
  }
}
