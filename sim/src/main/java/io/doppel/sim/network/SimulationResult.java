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

  /** The watched routes (a timeout, retries or a breaker), by their position in the network's routes. */
  public List<Integer> watchedRoutes() {
    return replications.getFirst().routes().stream().map(RouteResult::index).toList();
  }

  /** A watched route's metric over the replications, by its position in the network's routes. */
  public Estimate route(int routeIndex, RouteMetric metric) {
    return route(routeIndex, metric, level());
  }

  public Estimate route(int routeIndex, RouteMetric metric, double level) {
    List<RouteResult> first = replications.getFirst().routes();
    int at = -1;
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i).index() == routeIndex) {
        at = i;
      }
    }
    if (at < 0) {
      throw new NoSuchElementException("route " + routeIndex + " is not watched (no timeout, retries or breaker)");
    }
    double[] values = new double[replications.size()];
    for (int r = 0; r < values.length; r++) {
      ReplicationResult run = replications.get(r);
      values[r] = run.routes().get(at).value(metric, run.measuredTime());
    }
    return Estimate.of(values, level);
  }

  private double level() {
    return network.values().iterator().next().level();
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
