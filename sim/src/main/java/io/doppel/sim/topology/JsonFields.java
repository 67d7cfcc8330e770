package io.doppel.sim.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.sim.dist.Invalid;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reading a parsed topology file field by field, each rejection naming the field path or the file position. */
final class JsonFields {
  private JsonFields() {}

  static JsonNode parse(ObjectMapper mapper, String text) {
    try {
      JsonNode root = mapper.readTree(text);
      if (root == null || root.isMissingNode()) {
        throw Invalid.field("(file)", "is empty");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "(file)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw Invalid.field(where, "not well-formed: " + e.getOriginalMessage());
    }
  }

  static JsonNode object(String at, JsonNode node) {
    if (!node.isObject()) {
      throw Invalid.field(at, "must be an object, was " + kind(node));
    }
    return node;
  }

  static void onlyKnown(String at, JsonNode node, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name) && !name.startsWith("x-")) {
        throw Invalid.field(at + "." + name, "unknown field; known fields are " + new java.util.TreeSet<>(known));
      }
    }
  }

  static String text(String at, JsonNode parent, String name) {
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      throw Invalid.field(at + "." + name, "is required");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw Invalid.field(at + "." + name, "must be a non-empty string, was " + kind(v));
    }
    return v.asText();
  }

  static @Nullable String optionalText(String at, JsonNode parent, String name) {
    JsonNode v = parent.get(name);
    return v == null || v.isNull() ? null : text(at, parent, name);
  }

  static double number(String at, JsonNode parent, String name) {
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      throw Invalid.field(at + "." + name, "is required");
    }
    if (!v.isNumber()) {
      throw Invalid.field(at + "." + name, "must be a number, was " + kind(v));
    }
    return v.asDouble();
  }

  static int count(String at, JsonNode v, int min) {
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > 100_000) {
      throw Invalid.field(at, "must be an integer in [" + min + ", 100000], was " + v);
    }
    return v.asInt();
  }

  static JsonNode array(String at, JsonNode parent, String name, boolean required) {
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw Invalid.field(at + "." + name, "is required");
      }
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!v.isArray()) {
      throw Invalid.field(at + "." + name, "must be an array, was " + kind(v));
    }
    return v;
  }

  static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "the string \"" + v.asText() + "\"";
      case NUMBER, BOOLEAN -> v.toString();
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
