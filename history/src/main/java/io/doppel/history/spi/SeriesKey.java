package io.doppel.history.spi;

/**
 * One time series: a twin and the name of one of its properties or telemetry values, as a path from the twin's
 * root without the leading slash ({@code temperature}, {@code thermostat/setPoint}, {@code location/lat}).
 */
public record SeriesKey(String twinId, String name) {
  public SeriesKey {
    if (twinId.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("a series needs a twin id and a name");
    }
    // Stores use NUL as a key separator; twin ids and DTDL names never contain it, map keys could.
    if (twinId.indexOf(0) >= 0 || name.indexOf(0) >= 0) {
      throw new IllegalArgumentException("a series key may not contain NUL characters");
    }
  }
}
