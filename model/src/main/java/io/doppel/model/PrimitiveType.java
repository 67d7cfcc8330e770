package io.doppel.model;

import java.util.Arrays;
import java.util.Optional;

/** DTDL primitive schemas (v2 and v3; v3 adds the integer widths, bytes, decimal and uuid) and geospatial ones. */
public enum PrimitiveType {
  BOOLEAN("boolean"),
  DATE("date"),
  DATE_TIME("dateTime"),
  DOUBLE("double"),
  DURATION("duration"),
  FLOAT("float"),
  INTEGER("integer"),
  LONG("long"),
  STRING("string"),
  TIME("time"),
  BYTE("byte"),
  BYTES("bytes"),
  DECIMAL("decimal"),
  SHORT("short"),
  UNSIGNED_BYTE("unsignedByte"),
  UNSIGNED_INTEGER("unsignedInteger"),
  UNSIGNED_LONG("unsignedLong"),
  UNSIGNED_SHORT("unsignedShort"),
  UUID("uuid"),
  POINT("point"),
  MULTI_POINT("multiPoint"),
  LINE_STRING("lineString"),
  MULTI_LINE_STRING("multiLineString"),
  POLYGON("polygon"),
  MULTI_POLYGON("multiPolygon");

  private final String term;

  PrimitiveType(String term) {
    this.term = term;
  }

  /** The DTDL term, e.g. {@code dateTime}. */
  public String term() {
    return term;
  }

  public static Optional<PrimitiveType> ofTerm(String term) {
    return Arrays.stream(values()).filter(p -> p.term.equals(term)).findFirst();
  }

  public boolean isGeospatial() {
    return ordinal() >= POINT.ordinal();
  }

  public boolean isNumeric() {
    return switch (this) {
      case DOUBLE, FLOAT, INTEGER, LONG, BYTE, DECIMAL, SHORT, UNSIGNED_BYTE, UNSIGNED_INTEGER, UNSIGNED_LONG,
          UNSIGNED_SHORT -> true;
      default -> false;
    };
  }
}
