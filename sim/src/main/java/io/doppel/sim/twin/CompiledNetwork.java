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

  public double totalCostPerHour() {
    return costPerHour.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
