package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Small helpers to read JSON-LD shaped DTDL values (strings, arrays of strings, language maps). */
final class Texts {
  private Texts() {}

  /** The {@code @type} values of a node, in order; a single string counts as a one-element list. */
  static List<String> types(JsonNode node) {
    JsonNode type = node.get("@type");
    List<String> out = new ArrayList<>();
    if (type == null) {
      return out;
    }
    if (type.isTextual()) {
      out.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> out.add(t.isTextual() ? t.asText() : t.toString()));
    }
    return out;
  }

  static Set<String> typeSet(JsonNode node) {
    return new LinkedHashSet<>(types(node));
  }

  static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** A language map: a plain string counts as English, as DTDL specifies. Non-string values are skipped. */
  static Map<String, String> langMap(@Nullable JsonNode value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (value.isTextual()) {
      out.put("en", value.asText());
    } else if (value.isObject()) {
      value.properties().forEach(e -> {
        if (e.getValue().isTextual()) {
          out.put(e.getKey(), e.getValue().asText());
        }
      });
    } else if (value.isArray()) {
      // JSON-LD form: plain strings (English) or {"@value": ..., "@language": ...} objects.
      for (JsonNode item : value) {
        if (item.isTextual()) {
          out.putIfAbsent("en", item.asText());
        } else if (item.isObject() && item.path("@value").isTextual()) {
          out.putIfAbsent(item.path("@language").asText("en"), item.path("@value").asText());
        }
      }
    }
    return out;
  }

  /** Values of a property that may be one item or an array of items. */
  static List<JsonNode> items(@Nullable JsonNode value) {
    List<JsonNode> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isArray()) {
      value.forEach(out::add);
    } else {
      out.add(value);
    }
    return out;
  }
}
