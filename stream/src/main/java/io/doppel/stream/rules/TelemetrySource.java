package io.doppel.stream.rules;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The latest recorded telemetry of a twin, by series name ({@code power}, {@code thermostat/setPoint}): how rules
 * find values recorded before they started. The server answers it from the history.
 */
@FunctionalInterface
public interface TelemetrySource {
  Map<String, Double> latest(String twinId);

  /**
   * The anomaly score in [0, 1] of the twin's latest value of {@code series} (a property or telemetry, segments joined
   * with {@code /}), as {@code anomaly(name)} in an expression reads it; null when the series is not scored.
   */
  default @Nullable Double anomalyScore(String twinId, String series) {
    return null;
  }

  /**
   * Whether a time-to-threshold warning is in force on the twin's {@code series}, as {@code warning(name)} in an
   * expression reads it. Rules reading it are evaluated again when a warning comes or goes
   * ({@link RuleEngine#recheck}).
   */
  default boolean warningActive(String twinId, String series) {
    return false;
  }

  /** No history: rules see only the telemetry that arrives while they run. */
  TelemetrySource NONE = twinId -> Map.of();
}
