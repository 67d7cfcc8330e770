package io.doppel.stream.rules;

import io.doppel.model.PrimitiveType;
import io.doppel.model.Schema;
import org.jspecify.annotations.Nullable;

/** What an expression yields, as far as the model tells; {@code ANY} where only the data will (a neighbour's value). */
enum Type {
  NUMBER, BOOLEAN, STRING, ANY;

  boolean fits(Type wanted) {
    return this == ANY || wanted == ANY || this == wanted;
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The type of a value of {@code schema}; null for objects, maps and arrays, which are not values here. */
  static @Nullable Type of(Schema schema) {
    return switch (schema) {
      case Schema.Primitive p -> of(p.type());
      case Schema.EnumSchema e -> e.valueSchema() == PrimitiveType.STRING ? STRING : NUMBER;
      default -> null;
    };
  }

  static @Nullable Type of(PrimitiveType p) {
    if (p.isNumeric()) {
      return NUMBER;
    }
    if (p == PrimitiveType.BOOLEAN) {
      return BOOLEAN;
    }
    return p.isGeospatial() || p == PrimitiveType.BYTES ? null : STRING;
  }
}
