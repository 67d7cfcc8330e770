package io.doppel.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.model.PrimitiveType;
import io.doppel.model.Schema;
import io.doppel.twin.DoppelException;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.patch.JsonPointer;
import io.doppel.twin.validation.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a telemetry message against the twin's model as Azure Digital Twins' {@code sendTelemetry} would have it:
 * each member must be a Telemetry of the Interface (inherited ones count) and match its schema. Every problem is
 * reported at once, each with the JSON Pointer of the offending member.
 */
final class TelemetryValidator {
  private TelemetryValidator() {}

  /**
   * Throws {@code VALIDATION_FAILED} unless every member of {@code message} is a valid telemetry value of
   * {@code model}; {@code base} prefixes the paths in the details (a component's name, or empty).
   */
  static void validate(ObjectNode message, InterfaceModel model, String base) {
    List<Detail> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : message.properties()) {
      String name = member.getKey();
      String path = base + "/" + JsonPointer.escape(name);
      switch (model.contents().get(name)) {
        case null -> problems.add(new Detail("unknownTelemetry", path,
            "model " + model.id() + " has no telemetry '" + name + "'"));
        case Content.Telemetry t -> {
          if (!plainlyValid(member.getValue(), t.schema())) {
            SchemaValidator.validate(member.getValue(), t.schema(), path, problems);
          }
        }
        case Content c -> problems.add(new Detail("notATelemetry", path,
            "'" + name + "' is a " + kind(c) + " of " + model.id() + ", not a Telemetry"));
      }
    }
    if (!problems.isEmpty()) {
      Detail first = problems.get(0);
      throw new DoppelException(ErrorCode.VALIDATION_FAILED,
          "the telemetry does not conform to " + model.id() + ": " + first.target() + ": " + first.message(),
          problems);
    }
  }

  /**
   * The common case, decided without the general validator (which formats its "expected" message for every value):
   * a number for a double, a boolean for a boolean. Anything else goes through {@link SchemaValidator}.
   */
  private static boolean plainlyValid(JsonNode value, Schema schema) {
    return schema instanceof Schema.Primitive p
        && ((p.type() == PrimitiveType.DOUBLE && value.isNumber())
            || (p.type() == PrimitiveType.BOOLEAN && value.isBoolean()));
  }

  private static String kind(Content c) {
    return switch (c) {
      case Content.Property p -> "Property";
      case Content.Telemetry t -> "Telemetry";
      case Content.Command cmd -> "Command";
      case Content.Relationship r -> "Relationship";
      case Content.Component comp -> "Component";
    };
  }
}
