package io.doppel.ingest.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reading connector configurations with errors that name the field. */
public final class Configs {
  private Configs() {}

  public static DoppelException invalid(String field, String message) {
    return new DoppelException(ErrorCode.CONNECTOR_INVALID, field + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.CONNECTOR_INVALID.name(), field, message)));
  }

  /** Refuses fields other than {@code known} (and the common {@code type}, {@code paused}, {@code id}). */
  public static void onlyFields(ObjectNode config, Set<String> known) {
    for (String name : (Iterable<String>) config::fieldNames) {
      if (!known.contains(name) && !name.equals("type") && !name.equals("paused") && !name.equals("id")) {
        TreeSet<String> all = new TreeSet<>(known);
        all.add("type");
        all.add("paused");
        throw invalid(name, "unknown field (known: " + String.join(", ", all) + ")");
      }
    }
  }

  public static String text(ObjectNode config, String field) {
    String value = optionalText(config, field);
    if (value == null || value.isBlank()) {
      throw invalid(field, "required");
    }
    return value;
  }

  public static @Nullable String optionalText(ObjectNode config, String field) {
    JsonNode node = config.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw invalid(field, "must be a string");
    }
    return node.asText();
  }

  /** A non-empty array of non-empty strings. */
  public static List<String> texts(ObjectNode config, String field) {
    JsonNode node = config.get(field);
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw invalid(field, "required: a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual() || item.asText().isEmpty()) {
        throw invalid(field + "[" + i + "]", "must be a non-empty string");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** A string-to-string object, or empty. */
  public static java.util.Map<String, String> textMap(ObjectNode config, String field) {
    JsonNode node = config.get(field);
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw invalid(field, "must be an object of strings");
    }
    for (var e : node.properties()) {
      if (!e.getValue().isValueNode()) {
        throw invalid(field + "." + e.getKey(), "must be a string, number or boolean");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
