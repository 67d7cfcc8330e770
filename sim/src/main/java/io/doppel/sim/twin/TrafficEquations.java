package io.doppel.sim.twin;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each station's offered load from the traffic equations of an open network, {@code lambda = gamma + lambda P},
 * solved by fixed-point iteration (it converges for any open network whose customers leave with probability 1).
 */
final class TrafficEquations {
  private static final int MAX_ITERATIONS = 10_000;

  private TrafficEquations() {}

  static Map<String, Double> offeredLoad(
      Map<String, Double> external,
      Map<String, Map<String, Double>> routes,
      Map<String, Double> meanService,
      Map<String, Integer> servers) {
    Map<String, Double> lambda = new HashMap<>();
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      Map<String, Double> next = new HashMap<>();
      external.forEach((source, rate) ->
          routes.getOrDefault(source, Map.of()).forEach((to, p) -> next.merge(to, rate * p, Double::sum)));
      lambda.forEach((station, rate) ->
          routes.getOrDefault(station, Map.of()).forEach((to, p) -> next.merge(to, rate * p, Double::sum)));
      double change = 0;
      for (var e : next.entrySet()) {
        change = Math.max(change, Math.abs(e.getValue() - lambda.getOrDefault(e.getKey(), 0.0)));
      }
      lambda = next;
      if (change < 1e-12) {
        break;
      }
    }
    Map<String, Double> load = new LinkedHashMap<>();
    for (var e : meanService.entrySet()) {
      load.put(e.getKey(), lambda.getOrDefault(e.getKey(), 0.0) * e.getValue() / servers.get(e.getKey()));
    }
    return load;
  }
}
