package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Rewrites the JSON-LD spellings DTDL allows into the plain ones the builders read: property DTMIs
 * ({@code dtmi:dtdl:property:schema;2}) to terms, class DTMIs in {@code @type} to terms, and single literal values
 * wrapped in arrays or {@code {"@value": ...}} objects to the bare value. Runs after validation.
 */
final class Normalizer {
  private static final String PROPERTY_PREFIX = "dtmi:dtdl:property:";
  private static final String CLASS_PREFIX = "dtmi:dtdl:class:";
  private static final Set<String> SINGLE_LITERALS = Set.of("name", "writable", "enumValue", "minMultiplicity",
      "maxMultiplicity", "nullable", "comment", "target", "valueSchema", "commandType");

  private static final java.util.List<String> INSTANCE_PREFIXES = java.util.List.of("dtmi:dtdl:instance:Schema:",
      "dtmi:standard:schema:geospatial:");

  private Normalizer() {}

  static JsonNode normalize(JsonNode node) {
    if (node.isTextual()) {
      String text = node.asText();
      for (String prefix : INSTANCE_PREFIXES) {
        if (text.startsWith(prefix) && text.indexOf(';') > 0) {
          return JsonNodeFactory.instance.textNode(text.substring(prefix.length(), text.indexOf(';')));
        }
      }
      return node;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(normalize(item)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    node.properties().forEach(e -> {
      String key = term(e.getKey(), PROPERTY_PREFIX);
      JsonNode value = e.getValue();
      if (key.equals("@type")) {
        value = types(value);
      } else if (SINGLE_LITERALS.contains(key)) {
        value = normalize(unwrap(value));
      } else if (!key.startsWith("@")) {
        value = normalize(value);
      }
      out.set(key, value);
    });
    return out;
  }

  private static String term(String text, String prefix) {
    if (text.startsWith(prefix)) {
      int semi = text.indexOf(';');
      return semi < 0 ? text : text.substring(prefix.length(), semi);
    }
    return text;
  }

  private static JsonNode types(JsonNode value) {
    if (value.isTextual()) {
      return JsonNodeFactory.instance.textNode(term(value.asText(), CLASS_PREFIX));
    }
    if (value.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      value.forEach(t -> out.add(t.isTextual() ? JsonNodeFactory.instance.textNode(term(t.asText(), CLASS_PREFIX)) : t));
      return out;
    }
    return value;
  }

  private static JsonNode unwrap(JsonNode value) {
    JsonNode v = value;
    if (v.isArray() && v.size() == 1) {
      v = v.get(0);
    }
    if (v.isObject() && v.has("@value")) {
      v = v.get("@value");
    }
    return v;
  }
}
