package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/** How the query language compares JSON values: only values of the same type compare; anything else is undefined. */
final class Values {
  private Values() {}

  /** The order of two values of one primitive type, or null when they do not compare (types differ, or not ordered). */
  static @Nullable Integer order(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    if (a.isTextual() && b.isTextual()) {
      return a.textValue().compareTo(b.textValue());
    }
    return null;
  }

  /** Equality of two values of one type, or null when the types differ. */
  static @Nullable Boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return null;
    }
    return a.equals(b);
  }

  private static int rank(@Nullable JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return 0;
    }
    if (v.isNull()) {
      return 1;
    }
    if (v.isBoolean()) {
      return 2;
    }
    if (v.isNumber()) {
      return 3;
    }
    if (v.isTextual()) {
      return 4;
    }
    return 5;
  }

  /** A total order for grouping and MIN/MAX: undefined, null, booleans, numbers, strings, then the rest by text. */
  static final Comparator<@Nullable JsonNode> TOTAL = (a, b) -> {
    int byRank = Integer.compare(rank(a), rank(b));
    if (byRank != 0 || a == null || b == null) {
      return byRank;
    }
    return switch (rank(a)) {
      case 2 -> Boolean.compare(a.booleanValue(), b.booleanValue());
      case 3 -> Double.compare(a.doubleValue(), b.doubleValue());
      case 4 -> a.textValue().compareTo(b.textValue());
      case 5 -> a.toString().compareTo(b.toString());
      default -> 0;
    };
  };
}
