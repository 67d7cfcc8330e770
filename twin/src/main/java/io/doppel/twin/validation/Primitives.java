package io.doppel.twin.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.PrimitiveType;
import io.doppel.twin.DoppelException.Detail;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of JSON values against DTDL primitive schemas: JSON type, integer ranges and text formats. */
final class Primitives {
  private static final BigInteger UNSIGNED_LONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  // ISO 8601 durations as DTDL uses them (xsd:duration): PnYnMnDTnHnMnS, or PnW.
  private static final Pattern DURATION = Pattern.compile(
      "^-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$|^-?P\\d+W$");
  // RFC 3339 partial-time with an optional offset.
  private static final Pattern TIME = Pattern.compile(
      "^([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)?$");
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern DECIMAL = Pattern.compile("^-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?$");

  private Primitives() {}

  static void check(JsonNode value, PrimitiveType type, String path, List<Detail> problems) {
    String problem = problem(value, type);
    if (problem != null) {
      problems.add(new Detail("typeMismatch", path, problem));
    }
  }

  /** What is wrong with {@code value} as a {@code type}, or null when it conforms. */
  static @Nullable String problem(JsonNode value, PrimitiveType type) {
    return switch (type) {
      case BOOLEAN -> value.isBoolean() ? null : expected(type, value);
      case DOUBLE -> value.isNumber() ? null : expected(type, value);
      case FLOAT -> !value.isNumber() ? expected(type, value)
          : Float.isInfinite((float) value.doubleValue()) ? "value " + value + " is out of range for float" : null;
      case DECIMAL -> value.isNumber() || (value.isTextual() && DECIMAL.matcher(value.asText()).matches())
          ? null : "expected " + type.term() + " (a number), got " + SchemaValidator.kind(value);
      case INTEGER -> range(value, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> range(value, type, Long.MIN_VALUE, Long.MAX_VALUE);
      case BYTE -> range(value, type, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SHORT -> range(value, type, Short.MIN_VALUE, Short.MAX_VALUE);
      case UNSIGNED_BYTE -> range(value, type, 0, 255);
      case UNSIGNED_SHORT -> range(value, type, 0, 65535);
      case UNSIGNED_INTEGER -> range(value, type, 0, 4294967295L);
      case UNSIGNED_LONG -> !value.isIntegralNumber() ? expected(type, value)
          : value.bigIntegerValue().signum() < 0 || value.bigIntegerValue().compareTo(UNSIGNED_LONG_MAX) > 0
              ? "value " + value + " is out of range for unsignedLong" : null;
      case STRING -> value.isTextual() ? unpairedSurrogate(value.textValue())
          : expected(type, value);
      case DATE -> text(value, type, Primitives::isDate);
      case DATE_TIME -> text(value, type, Primitives::isDateTime);
      case TIME -> text(value, type, s -> TIME.matcher(s).matches());
      case DURATION -> text(value, type, s -> DURATION.matcher(s).matches());
      case UUID -> text(value, type, s -> UUID.matcher(s).matches());
      case BYTES -> text(value, type, Primitives::isBase64);
      case POINT, MULTI_POINT, LINE_STRING, MULTI_LINE_STRING, POLYGON, MULTI_POLYGON -> Geo.problem(value, type);
    };
  }

  /**
   * A string is Unicode text: a JSON escape such as backslash-u-D800 can spell half a surrogate pair, which no encoding
   * can store (the engine's binary codec refused it with an internal error), so it is refused here with the field.
   */
  private static @Nullable String unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("not valid Unicode: an unpaired surrogate U+%04X at character %d", (int) c, i);
      }
    }
    return null;
  }

  /** Built only for a value that is refused: every written value of a patch is checked. */
  private static String expected(PrimitiveType type, JsonNode value) {
    return "expected " + type.term() + ", got " + SchemaValidator.kind(value);
  }

  private static @Nullable String range(JsonNode value, PrimitiveType type, long min, long max) {
    if (!value.isIntegralNumber()) {
      return "expected " + type.term() + ", got " + SchemaValidator.kind(value);
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      return "value " + value + " is out of range for " + type.term() + " [" + min + ", " + max + "]";
    }
    return null;
  }

  private static @Nullable String text(JsonNode value, PrimitiveType type, java.util.function.Predicate<String> format) {
    if (!value.isTextual()) {
      return "expected " + type.term() + " (a string), got " + SchemaValidator.kind(value);
    }
    return format.test(value.asText()) ? null : "'" + value.asText() + "' is not a valid " + type.term();
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDateTime(String s) {
    try {
      OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return s.indexOf('T') == 10 || s.indexOf('t') == 10;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isBase64(String s) {
    try {
      Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
