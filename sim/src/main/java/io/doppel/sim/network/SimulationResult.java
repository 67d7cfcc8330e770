package io.doppel.sim.network;

import io.doppel.sim.kernel.StopReason;
import io.doppel.sim.stats.Estimate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every replication's own result, in replication order, and their summary: per station and for the network, the
 * mean of each metric over replications with its confidence interval; how many replications stopped for which
 * reason; events processed in all.
 */
public record SimulationResult(
    List<ReplicationResult> replications,
    List<StationSummary> stations,
    Map<NetworkMetric, Estimate> network,
    Map<StopReason, Integer> stopReasons,
    long events) {
  public SimulationResult {
    replications = List.copyOf(replications);
    stations = List.copyOf(stations);
    network = Map.copyOf(network);
    stopReasons = Map.copyOf(stopReasons);
  }

  public StationSummary station(String id) {
    return stations.stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no station '" + id + "'"));
  }

  public Estimate station(String id, StationMetric metric) {
    return station(id).get(metric);
  }

  public Estimate network(NetworkMetric metric) {
    return network.get(metric);
  }

  /** A station's metric over the replications again, at another confidence level. */
  public Estimate station(String id, StationMetric metric, double level) {
    int index = -1;
    for (int i = 0; i < stations.size(); i++) {
      if (stations.get(i).id().equals(id)) {
        index = i;
      }
    }
    if (index < 0) {
      throw new NoSuchElementException("no station '" + id + "'");
    }
    double[] values = new double[replications.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = replications.get(r).stations().get(index).value(metric);
    }
    return Estimate.of(values, level);
  }

  /** A network metric over the replications again, at another confidence level. */
  public Estimate network(NetworkMetric metric, double level) {
    double[] values = new double[replications.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = replications.get(r).network().value(metric);
    }
    return Estimate.of(values, level);
  }

  /** Whether every replication ended normally (horizon reached or no events left). */
  public boolean complete() {
    return stopReasons.keySet().stream().allMatch(StopReason::complete);
  }

  static SimulationResult summarise(List<ReplicationResult> runs, double level) {
    int n = runs.size();
    int stationCount = runs.getFirst().stations().size();
    List<StationSummary> stations = new java.util.ArrayList<>(stationCount);
    for (int s = 0; s < stationCount; s++) {
      Map<StationMetric, Estimate> estimates = new EnumMap<>(StationMetric.class);
      for (StationMetric metric : StationMetric.values()) {
        double[] values = new double[n];
        for (int r = 0; r < n; r++) {
          values[r] = runs.get(r).stations().get(s).value(metric);
        }
        estimates.put(metric, Estimate.of(values, level));
      }
      stations.add(new StationSummary(runs.getFirst().stations().get(s).id(), estimates));
    }
    Map<NetworkMetric, Estimate> network = new EnumMap<>(NetworkMetric.class);
    for (NetworkMetric metric : NetworkMetric.values()) {
      double[] values = new double[n];
      for (int r = 0; r < n; r++) {
        values[r] = runs.get(r).network().value(metric);
      }
      network.put(metric, Estimate.of(values, level));
    }
    Map<StopReason, Integer> reasons = new EnumMap<>(StopReason.class);
    long events = 0;
    for (ReplicationResult r : runs) {
      reasons.merge(r.stopReason(), 1, Integer::sum);
      events += r.events();
    }
    return new SimulationResult(runs, stations, network, reasons, events);
  }
}
