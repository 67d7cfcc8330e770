package io.doppel.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.patch.JsonPointer;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Walks a JSON value to the leaves the history records: numbers, booleans as 1 and 0, and strings (string, enum,
 * date and duration values) as texts. Nulls and arrays are not recorded (see docs/history.md); members whose names
 * start with {@code $} ({@code $metadata}, {@code $dtId}) are system properties, not data. A leaf's series name is
 * its JSON Pointer from the twin's root without the leading slash ({@code thermostat/setPoint}).
 */
final class Leaves {
  /** Receives one recordable leaf: a number, or a text when {@code text} is not null (then {@code number} is NaN). */
  @FunctionalInterface
  interface Sink {
    void leaf(String name, double number, @Nullable String text);
  }

  private Leaves() {}

  /** The leaves of every member of {@code object}, under {@code prefix} (empty for the twin's root). */
  static void members(JsonNode object, String prefix, Sink sink) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String key = member.getKey();
      if (!key.startsWith("$")) {
        value(member.getValue(), join(prefix, key), sink);
      }
    }
  }

  /** The leaves of {@code value} found at series name {@code name}. */
  static void value(JsonNode value, String name, Sink sink) {
    if (value.isNumber()) {
      sink.leaf(name, value.doubleValue(), null);
    } else if (value.isBoolean()) {
      sink.leaf(name, value.booleanValue() ? 1 : 0, null);
    } else if (value.isTextual()) {
      sink.leaf(name, Double.NaN, value.textValue());
    } else if (value.isObject()) {
      members(value, name, sink);
    }
  }

  static String join(String prefix, String key) {
    String escaped = JsonPointer.escape(key);
    return prefix.isEmpty() ? escaped : prefix + "/" + escaped;
  }
}
