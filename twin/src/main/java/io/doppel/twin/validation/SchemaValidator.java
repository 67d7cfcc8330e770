package io.doppel.twin.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Schema;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.patch.JsonPointer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Checks a JSON value against a DTDL {@link Schema}; each problem becomes a detail naming its JSON path. */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** Appends to {@code problems} one detail per way {@code value} (found at {@code path}) breaks {@code schema}. */
  public static void validate(JsonNode value, Schema schema, String path, List<Detail> problems) {
    switch (schema) {
      case Schema.Primitive p -> Primitives.check(value, p.type(), path, problems);
      case Schema.EnumSchema e -> checkEnum(value, e, path, problems);
      case Schema.ObjectSchema o -> checkObject(value, o, path, problems);
      case Schema.MapSchema m -> checkMap(value, m, path, problems);
      case Schema.ArraySchema a -> checkArray(value, a, path, problems);
    }
  }

  private static void checkEnum(JsonNode value, Schema.EnumSchema schema, String path, List<Detail> problems) {
    int before = problems.size();
    Primitives.check(value, schema.valueSchema(), path, problems);
    if (problems.size() > before) {
      return;
    }
    Object actual = value.isTextual() ? value.asText() : (Object) value.asInt();
    for (Schema.EnumValue allowed : schema.values()) {
      Object expected = allowed.value() instanceof Number n ? (Object) n.intValue() : allowed.value();
      if (Objects.equals(expected, actual)) {
        return;
      }
    }
    problems.add(new Detail("enumValueInvalid", path, "value " + value + " is not one of the enum's values "
        + schema.values().stream().map(v -> String.valueOf(v.value())).toList()));
  }

  private static void checkObject(JsonNode value, Schema.ObjectSchema schema, String path, List<Detail> problems) {
    if (!value.isObject()) {
      problems.add(new Detail("typeMismatch", path, "expected an object, got " + kind(value)));
      return;
    }
    Map<String, Schema.Field> fields = new HashMap<>();
    schema.fields().forEach(f -> fields.put(f.name(), f));
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      String childPath = path + "/" + JsonPointer.escape(member.getKey());
      Schema.Field field = fields.get(member.getKey());
      if (field == null) {
        problems.add(new Detail("unknownField", childPath, "the object has no field '" + member.getKey() + "'"));
      } else {
        validate(member.getValue(), field.schema(), childPath, problems);
      }
    }
  }

  private static void checkMap(JsonNode value, Schema.MapSchema schema, String path, List<Detail> problems) {
    if (!value.isObject()) {
      problems.add(new Detail("typeMismatch", path, "expected a map (JSON object), got " + kind(value)));
      return;
    }
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      validate(member.getValue(), schema.valueSchema(), path + "/" + JsonPointer.escape(member.getKey()), problems);
    }
  }

  private static void checkArray(JsonNode value, Schema.ArraySchema schema, String path, List<Detail> problems) {
    if (!value.isArray()) {
      problems.add(new Detail("typeMismatch", path, "expected an array, got " + kind(value)));
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      validate(value.get(i), schema.elementSchema(), path + "/" + i, problems);
    }
  }

  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
