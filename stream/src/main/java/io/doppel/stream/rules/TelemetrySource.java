package io.doppel.stream.rules;

import java.util.Map;

/**
 * The latest recorded telemetry of a twin, by series name ({@code power}, {@code thermostat/setPoint}): how rules
 * find values recorded before they started. The server answers it from the history.
 */
@FunctionalInterface
public interface TelemetrySource {
  Map<String, Double> latest(String twinId);

  /** No history: rules see only the telemetry that arrives while they run. */
  TelemetrySource NONE = twinId -> Map.of();
}
