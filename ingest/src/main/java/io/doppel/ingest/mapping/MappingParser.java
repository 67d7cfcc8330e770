package io.doppel.ingest.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.doppel.ingest.Payloads;
import io.doppel.model.Dtmi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a mapping definition from JSON or YAML and checks everything that needs no model: required fields, unknown
 * fields (a typo must not be ignored), expression syntax, topic filter, units.
 */
public final class MappingParser {
  /** Ids are path segments and key parts: letters, digits, {@code . _ -}. */
  public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> FIELDS = Set.of("id", "version", "match", "model", "component", "twinId",
      "telemetry", "properties", "when", "time", "description");

  private MappingParser() {}

  /** The text as a JSON object, whether it was written as JSON or YAML. */
  public static ObjectNode read(String text) {
    String trimmed = text.strip();
    boolean json = trimmed.startsWith("{");
    try {
      JsonNode node = (json ? Payloads.MAPPER : YAML).readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw Definitions.invalid("body", "a mapping is a JSON or YAML object");
      }
      return object;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw Definitions.invalid("body", "not valid " + (json ? "JSON" : "YAML") + where + ": "
          + e.getOriginalMessage());
    }
  }

  public static void checkId(String id) {
    if (!id.matches(ID_PATTERN)) {
      throw Definitions.invalid("id", "a mapping id is 1-128 letters, digits, '.', '_' or '-' (starting with a "
          + "letter or digit), not '" + id + "'");
    }
  }

  /** Parses {@code doc} as version {@code version} of mapping {@code id}. */
  public static MappingDefinition parse(String id, int version, ObjectNode doc) {
    checkId(id);
    for (String name : (Iterable<String>) doc::fieldNames) {
      if (!FIELDS.contains(name)) {
        throw Definitions.invalid(shown(name), "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS))
            + ")");
      }
    }
    JsonNode bodyId = doc.get("id");
    if (bodyId != null && !bodyId.asText().equals(id)) {
      throw Definitions.invalid("id", "the body names mapping '" + bodyId.asText() + "' but the path '" + id + "'");
    }
    JsonNode match = doc.path("match");
    if (!match.isObject()) {
      throw Definitions.invalid("match", "required: {\"topic\": \"filter\", \"connector\"?: \"id\"}");
    }
    for (String name : (Iterable<String>) match::fieldNames) {
      if (!name.equals("topic") && !name.equals("connector")) {
        throw Definitions.invalid("match." + shown(name), "unknown field (known: connector, topic)");
      }
    }
    TopicFilter topic = TopicFilter.parse(text(match, "topic", "match.topic", true), "match.topic");
    String connector = text(match, "connector", "match.connector", false);
    String modelText = text(doc, "model", "model", false);
    Dtmi model = null;
    if (modelText != null) {
      if (!Dtmi.isValid(modelText)) {
        throw Definitions.invalid("model", "not a valid DTMI: '" + modelText + "'");
      }
      model = Dtmi.parse(modelText);
    }
    String component = text(doc, "component", "component", false);
    Template twinId = Template.parse(text(doc, "twinId", "twinId", true), "twinId");
    Map<String, Expression> telemetry = values(doc, "telemetry");
    Map<String, Expression> properties = values(doc, "properties");
    if (telemetry.isEmpty() && properties.isEmpty()) {
      throw Definitions.invalid("telemetry", "a mapping must set at least one telemetry value or property");
    }
    Expression when = expression(doc, "when");
    Expression time = expression(doc, "time");
    ObjectNode stored = doc.deepCopy();
    stored.put("id", id);
    stored.put("version", version);
    return new MappingDefinition(id, version, connector, topic, model, component, twinId, telemetry, properties,
        when, time, stored);
  }

  /** A member name as an error names it: an empty or blank name, quoted, so the error still shows a field. */
  private static String shown(String name) {
    return name.isBlank() ? "\"" + name + "\"" : name;
  }

  private static Map<String, Expression> values(ObjectNode doc, String section) {
    JsonNode node = doc.get(section);
    Map<String, Expression> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw Definitions.invalid(section, "must be an object of name: \"$.path\" or name: {\"from\": ..., \"unit\": ...}");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String field = section + "." + e.getKey();
      if (e.getKey().isEmpty()) {
        throw Definitions.invalid(section, "a name must not be empty");
      }
      out.put(e.getKey(), value(e.getValue(), field));
    }
    return out;
  }

  private static Expression value(JsonNode spec, String field) {
    if (spec.isTextual()) {
      return ExpressionParser.parse(spec.asText(), field);
    }
    if (spec.isNumber() || spec.isBoolean()) {
      return Expression.literal(spec);
    }
    if (!spec.isObject()) {
      throw Definitions.invalid(field, "must be an expression (\"$.path\") or {\"from\": ..., \"unit\": ...}");
    }
    for (String name : (Iterable<String>) spec::fieldNames) {
      if (!name.equals("from") && !name.equals("unit")) {
        throw Definitions.invalid(field + "." + name, "unknown field (known: from, unit)");
      }
    }
    Expression from = ExpressionParser.parse(text(spec, "from", field + ".from", true), field + ".from");
    String unit = text(spec, "unit", field + ".unit", false);
    return unit == null ? from : new Expression.Convert(from, Units.conversion(unit, field + ".unit"));
  }

  private static @Nullable Expression expression(ObjectNode doc, String name) {
    String text = text(doc, name, name, false);
    return text == null ? null : ExpressionParser.parse(text, name);
  }

  private static @Nullable String text(JsonNode node, String name, String field, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw Definitions.invalid(field, "required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw Definitions.invalid(field, "must be a string");
    }
    return value.asText();
  }
}
