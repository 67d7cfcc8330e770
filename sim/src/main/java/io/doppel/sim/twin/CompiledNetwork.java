package io.doppel.sim.twin;

import io.doppel.sim.network.Network;
import java.util.List;
import java.util.Map;

/**
 * A network compiled from a {@link SimGraph}: the network itself, each station's cost per hour (replicas times
 * cost per replica-hour; 0 without a cost property), each station's offered load from the traffic equations
 * (arrival rate x mean service time / replicas; at or above 1 its queue grows without bound), and warnings.
 */
public record CompiledNetwork(
    Network network, Map<String, Double> costPerHour, Map<String, Double> offeredLoad, List<String> warnings) {
  public CompiledNetwork {
    costPerHour = Map.copyOf(costPerHour);
    offeredLoad = Map.copyOf(offeredLoad);
    warnings = List.copyOf(warnings);
  }

  /** Stations whose replicas an autoscaler changes during the run (their cost is simulated, not fixed). */
  public java.util.Set<String> autoscaled() {
    java.util.Set<String> out = new java.util.HashSet<>();
    network.stations().forEach(s -> {
      if (s.autoscaler() != null) {
        out.add(s.id());
      }
    });
    return out;
  }

  /** Cost of one replica for an hour per station (the engine's cost rate is per second). */
  public Map<String, Double> perReplicaHour() {
    Map<String, Double> out = new java.util.HashMap<>();
    network.stations().forEach(s -> out.put(s.id(), s.costRate() * 3600));
    return out;
  }

  public double totalCostPerHour() {
    return costPerHour.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
