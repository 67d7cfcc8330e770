package io.doppel.ingest.mapping;

import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.model.PrimitiveType;
import io.doppel.model.Schema;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a mapping against the model it declares: every telemetry it sets is a Telemetry of that model (or of its
 * component), every property a Property, and what each expression yields fits the schema where the expression
 * tells (a payload path can hold anything and is checked when applied).
 */
final class ModelCheck {
  private static final Set<PrimitiveType> NUMBERS = EnumSet.of(PrimitiveType.DOUBLE, PrimitiveType.FLOAT,
      PrimitiveType.DECIMAL);
  private static final Set<PrimitiveType> INTEGERS = EnumSet.of(PrimitiveType.INTEGER, PrimitiveType.LONG,
      PrimitiveType.SHORT, PrimitiveType.BYTE, PrimitiveType.UNSIGNED_BYTE, PrimitiveType.UNSIGNED_INTEGER,
      PrimitiveType.UNSIGNED_LONG, PrimitiveType.UNSIGNED_SHORT);
  private static final Set<PrimitiveType> TEXTS = EnumSet.of(PrimitiveType.STRING, PrimitiveType.DATE,
      PrimitiveType.DATE_TIME, PrimitiveType.TIME, PrimitiveType.DURATION, PrimitiveType.UUID, PrimitiveType.BYTES);

  private ModelCheck() {}

  static void check(MappingDefinition mapping, ModelCatalog catalog) {
    if (mapping.model() == null) {
      return;
    }
    InterfaceModel model = catalog.get(mapping.model()).orElseThrow(() -> Definitions.invalid("model",
        "no model " + mapping.model() + " is uploaded"));
    InterfaceModel target = model;
    if (mapping.component() != null) {
      Content c = model.content(mapping.component()).orElse(null);
      if (!(c instanceof Content.Component component)) {
        throw Definitions.invalid("component", model.id() + " has no component '" + mapping.component() + "'");
      }
      target = catalog.get(component.schema()).orElseThrow(() -> Definitions.invalid("component",
          "the component's model " + component.schema() + " is not uploaded"));
    }
    for (Map.Entry<String, Expression> e : mapping.telemetry().entrySet()) {
      String field = "telemetry." + e.getKey();
      Content c = target.content(e.getKey()).orElse(null);
      if (!(c instanceof Content.Telemetry t)) {
        throw Definitions.invalid(field, target.id() + (c == null ? " has no telemetry '" : " declares '")
            + e.getKey() + (c == null ? "'" : "' as a " + kind(c) + ", not a telemetry"));
      }
      fits(e.getValue(), t.schema(), field);
    }
    for (Map.Entry<String, Expression> e : mapping.properties().entrySet()) {
      String field = "properties." + e.getKey();
      Content c = target.content(e.getKey()).orElse(null);
      if (!(c instanceof Content.Property p)) {
        throw Definitions.invalid(field, target.id() + (c == null ? " has no property '" : " declares '")
            + e.getKey() + (c == null ? "'" : "' as a " + kind(c) + ", not a property"));
      }
      fits(e.getValue(), p.schema(), field);
    }
  }

  private static void fits(Expression e, Schema schema, String field) {
    Expression.Kind kind = e.kind();
    if (kind == Expression.Kind.ANY) {
      return;
    }
    boolean ok = switch (schema) {
      case Schema.Primitive p -> switch (kind) {
        case NUMBER -> NUMBERS.contains(p.type());
        case INTEGER -> NUMBERS.contains(p.type()) || INTEGERS.contains(p.type());
        case STRING -> TEXTS.contains(p.type());
        case BOOLEAN -> p.type() == PrimitiveType.BOOLEAN;
        case ANY -> true;
      };
      case Schema.EnumSchema en -> en.valueSchema() == PrimitiveType.STRING ? kind == Expression.Kind.STRING
          : kind == Expression.Kind.INTEGER;
      default -> false;
    };
    if (!ok) {
      throw Definitions.invalid(field, "gives " + describe(kind) + " but the model's schema is " + describe(schema));
    }
  }

  private static String describe(Expression.Kind kind) {
    return switch (kind) {
      case NUMBER -> "a (fractional) number";
      case INTEGER -> "an integer";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ANY -> "any value";
    };
  }

  private static String describe(Schema schema) {
    return switch (schema) {
      case Schema.Primitive p -> p.type().term();
      case Schema.EnumSchema en -> "an enum of " + en.valueSchema().term();
      case Schema.ObjectSchema o -> "an object";
      case Schema.MapSchema m -> "a map";
      case Schema.ArraySchema a -> "an array";
    };
  }

  private static String kind(Content c) {
    return c.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
