package io.doppel.query.syntax;

/** Where something is in the query text: a 0-based character offset and the 1-based line and column. */
public record Position(int offset, int line, int column) {
  public static final Position START = new Position(0, 1, 1);

  /** {@code line:column}, the form error details use as their target. */
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
