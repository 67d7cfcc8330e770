package io.doppel.sim.network;

import io.doppel.sim.stats.Estimate;
import java.util.Map;

/** One station over all replications: every {@link StationMetric} as a mean with its confidence interval. */
public record StationSummary(String id, Map<StationMetric, Estimate> estimates) {
  public StationSummary {
    estimates = Map.copyOf(estimates);
  }

  public Estimate get(StationMetric metric) {
    return estimates.get(metric);
  }
}
