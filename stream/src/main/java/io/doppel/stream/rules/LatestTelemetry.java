package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The latest value of each telemetry some rule reads, per twin, by series name (segments joined with {@code /}, as
 * the history names them). A twin is loaded from the {@link TelemetrySource} the first time a rule asks, so values
 * recorded before a restart still count. Owned by the rule engine's worker thread.
 */
final class LatestTelemetry {
  private final TelemetrySource source;
  private final Map<String, Map<String, Object>> byTwin = new HashMap<>();
  private Set<String> wanted = Set.of();

  LatestTelemetry(TelemetrySource source) {
    this.source = source;
  }

  /** The top-level names some rule reads; telemetry under other names is not kept. */
  void want(Set<String> names) {
    wanted = Set.copyOf(names);
  }

  @Nullable Object get(String twinId, List<String> path) {
    return twin(twinId).get(String.join("/", path));
  }

  /** Records the values of one message; returns the top-level names it carried that some rule reads. */
  Set<String> record(String twinId, @Nullable String component, JsonNode message) {
    Set<String> names = new java.util.HashSet<>();
    boolean any = component == null ? message.properties().stream().anyMatch(e -> wanted.contains(e.getKey()))
        : wanted.contains(component);
    if (!any) {
      return names; // not even loaded: telemetry no rule reads costs nothing
    }
    Map<String, Object> values = twin(twinId);
    for (Map.Entry<String, JsonNode> member : message.properties()) {
      String top = component == null ? member.getKey() : component;
      if (wanted.contains(top)) {
        names.add(top);
        String prefix = component == null ? member.getKey() : component + "/" + member.getKey();
        leaves(prefix, member.getValue(), values);
      }
    }
    return names;
  }

  void forget(String twinId) {
    byTwin.remove(twinId);
  }

  private Map<String, Object> twin(String twinId) {
    Map<String, Object> values = byTwin.get(twinId);
    if (values == null) {
      values = new HashMap<>();
      try {
        values.putAll(source.latest(twinId));
      } catch (RuntimeException e) {
        // a twin without history (or one just deleted) simply has no telemetry yet
      }
      byTwin.put(twinId, values);
    }
    return values;
  }

  /** The anomaly score of the twin's latest value of {@code path}, from the source; null when not scored. */
  @Nullable Double anomaly(String twinId, List<String> path) {
    try {
      return source.anomalyScore(twinId, String.join("/", path));
    } catch (RuntimeException e) {
      return null; // a scorer failure makes the value unknown, as missing data does
    }
  }

  /** Whether a warning is in force on the twin's series {@code path}, from the source; false when it cannot say. */
  boolean warning(String twinId, List<String> path) {
    try {
      return source.warningActive(twinId, String.join("/", path));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void leaves(String name, JsonNode value, Map<String, Object> out) {
    if (value.isNumber()) {
      out.put(name, value.doubleValue());
    } else if (value.isBoolean()) {
      out.put(name, value.booleanValue());
    } else if (value.isTextual()) {
      out.put(name, value.textValue());
    } else if (value.isObject()) {
      value.properties().forEach(e -> leaves(name + "/" + e.getKey(), e.getValue(), out));
    }
  }
}
