package io.doppel.sim.scenario;

import io.doppel.sim.network.NetworkMetric;
import io.doppel.sim.network.ReplicationResult;
import io.doppel.sim.network.RouteResult;
import io.doppel.sim.network.StationMetric;
import io.doppel.sim.network.StationResult;
import io.doppel.sim.network.TimeSeries;
import io.doppel.sim.stats.Estimate;
import io.doppel.sim.twin.CompiledNetwork;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** Turns one side's replications into a {@link RunResult}: intervals per metric, series averaged per window. */
final class Summaries {
  private static final double LEVEL = 0.95;
  private static final Map<Metric, StationMetric> STATION = new EnumMap<>(Map.ofEntries(
      Map.entry(Metric.THROUGHPUT, StationMetric.THROUGHPUT),
      Map.entry(Metric.MEAN_RESPONSE, StationMetric.MEAN_RESPONSE),
      Map.entry(Metric.P50_RESPONSE, StationMetric.P50_RESPONSE),
      Map.entry(Metric.P95_RESPONSE, StationMetric.P95_RESPONSE),
      Map.entry(Metric.P99_RESPONSE, StationMetric.P99_RESPONSE),
      Map.entry(Metric.UTILISATION, StationMetric.UTILISATION),
      Map.entry(Metric.QUEUE_LENGTH, StationMetric.MEAN_QUEUE_LENGTH),
      Map.entry(Metric.DROP_PROBABILITY, StationMetric.DROP_PROBABILITY),
      Map.entry(Metric.TIMEOUT_PROBABILITY, StationMetric.TIMEOUT_PROBABILITY),
      Map.entry(Metric.ERROR_PROBABILITY, StationMetric.ERROR_PROBABILITY),
      Map.entry(Metric.AVAILABILITY, StationMetric.AVAILABILITY),
      Map.entry(Metric.MEAN_SERVERS, StationMetric.MEAN_SERVERS)));
  private static final Map<Metric, NetworkMetric> NETWORK = new EnumMap<>(Map.of(
      Metric.THROUGHPUT, NetworkMetric.THROUGHPUT,
      Metric.MEAN_RESPONSE, NetworkMetric.MEAN_RESPONSE,
      Metric.P50_RESPONSE, NetworkMetric.P50_RESPONSE,
      Metric.P95_RESPONSE, NetworkMetric.P95_RESPONSE,
      Metric.P99_RESPONSE, NetworkMetric.P99_RESPONSE,
      Metric.DROP_PROBABILITY, NetworkMetric.DROP_PROBABILITY,
      Metric.TIMEOUT_PROBABILITY, NetworkMetric.TIMEOUT_PROBABILITY,
      Metric.ERROR_PROBABILITY, NetworkMetric.ERROR_PROBABILITY));

  private Summaries() {}

  static RunResult of(CompiledNetwork compiled, List<ReplicationResult> runs, double window) {
    int n = runs.size();
    Map<String, Stat> network = new LinkedHashMap<>();
    NETWORK.forEach((metric, nm) -> network.put(metric.json(), stat(runs, r -> r.network().value(nm))));
    Map<String, Map<String, Stat>> twins = new LinkedHashMap<>();
    List<StationResult> first = runs.getFirst().stations();
    for (int s = 0; s < first.size(); s++) {
      int index = s;
      String id = first.get(s).id();
      Map<String, Stat> metrics = new LinkedHashMap<>();
      STATION.forEach((metric, sm) -> metrics.put(metric.json(),
          stat(runs, r -> r.stations().get(index).value(sm))));
      calls(runs, id, metrics);
      if (compiled.network().stations().get(index).inventory() != null) {
        metrics.put(Metric.FILL_RATE.json(), stat(runs, r -> r.stations().get(index).value(StationMetric.FILL_RATE)));
        metrics.put(Metric.MEAN_STOCK.json(), stat(runs, r -> r.stations().get(index).value(StationMetric.MEAN_STOCK)));
      }
      metrics.put(Metric.COST_PER_HOUR.json(), cost(compiled, runs, index));
      twins.put(id, metrics);
    }
    network.put(Metric.COST_PER_HOUR.json(), totalCost(compiled, runs));
    Map<String, Integer> reasons = new LinkedHashMap<>();
    long events = 0;
    boolean complete = true;
    for (ReplicationResult r : runs) {
      reasons.merge(r.stopReason().name(), 1, Integer::sum);
      events += r.events();
      complete &= r.stopReason().complete();
    }
    List<String> warnings = new ArrayList<>(compiled.warnings());
    if (!complete) {
      warnings.add("some replications stopped early " + reasons + "; their figures cover the time up to the stop");
    }
    SeriesBands series = series(runs);
    return new RunResult(network, twins, reasons, complete, events, warnings, window, series.mean(), series.low(),
        series.high());
  }

  /**
   * The twin's watched calls (its flows with a timeout, retries or a breaker), summed over them: retries per second,
   * failed attempts over attempts, breaker openings per replication. Absent when the twin watches no call.
   */
  private static void calls(List<ReplicationResult> runs, String id, Map<String, Stat> metrics) {
    if (runs.getFirst().routes().stream().noneMatch(rr -> rr.from().equals(id))) {
      return;
    }
    metrics.put(Metric.RETRIES.json(), stat(runs, r -> sum(r, id, RouteResult::retries) / r.measuredTime()));
    metrics.put(Metric.CALL_FAILURE_PROBABILITY.json(), stat(runs, r -> {
      long calls = sum(r, id, RouteResult::calls);
      return calls == 0 ? Double.NaN : (double) sum(r, id, RouteResult::failures) / calls;
    }));
    metrics.put(Metric.BREAKER_OPENINGS.json(), stat(runs, r -> sum(r, id, RouteResult::breakerOpened)));
  }

  private static long sum(ReplicationResult r, String from, java.util.function.ToLongFunction<RouteResult> field) {
    long total = 0;
    for (RouteResult rr : r.routes()) {
      if (rr.from().equals(from)) {
        total += field.applyAsLong(rr);
      }
    }
    return total;
  }

  /** Fixed replicas cost exactly replicas x rate; an autoscaled station its simulated mean replicas x rate. */
  private static Stat cost(CompiledNetwork compiled, List<ReplicationResult> runs, int index) {
    String id = runs.getFirst().stations().get(index).id();
    double perReplica = compiled.perReplicaHour().getOrDefault(id, 0.0);
    if (!compiled.autoscaled().contains(id)) {
      return Stat.exact(compiled.costPerHour().getOrDefault(id, 0.0), runs.size());
    }
    return stat(runs, r -> r.stations().get(index).value(StationMetric.MEAN_SERVERS) * perReplica);
  }

  private static Stat totalCost(CompiledNetwork compiled, List<ReplicationResult> runs) {
    if (compiled.autoscaled().isEmpty()) {
      return Stat.exact(compiled.totalCostPerHour(), runs.size());
    }
    return stat(runs, r -> {
      double total = 0;
      for (StationResult s : r.stations()) {
        double perReplica = compiled.perReplicaHour().getOrDefault(s.id(), 0.0);
        total += compiled.autoscaled().contains(s.id()) ? s.value(StationMetric.MEAN_SERVERS) * perReplica
            : compiled.costPerHour().getOrDefault(s.id(), 0.0);
      }
      return total;
    });
  }

  private static Stat stat(List<ReplicationResult> runs, ToDoubleFunction<ReplicationResult> value) {
    double[] values = new double[runs.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.applyAsDouble(runs.get(i));
    }
    return Stat.of(Estimate.of(values, LEVEL));
  }

  /** Per series and window: the mean over replications and its 95% interval (null where it cannot be formed). */
  private record SeriesBands(Map<String, List<Double>> mean, Map<String, List<Double>> low,
      Map<String, List<Double>> high) {
    SeriesBands() {
      this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    void put(String key, List<ReplicationResult> runs, int windows, Column column) {
      List<Double> means = new ArrayList<>(windows);
      List<Double> lows = new ArrayList<>(windows);
      List<Double> highs = new ArrayList<>(windows);
      double[] values = new double[runs.size()];
      for (int i = 0; i < windows; i++) {
        for (int r = 0; r < values.length; r++) {
          TimeSeries ts = runs.get(r).series();
          values[r] = ts != null && i < ts.windows() ? column.of(ts).applyAsDouble(i) : Double.NaN;
        }
        Estimate e = Estimate.of(values, LEVEL);
        means.add(finite(e.mean()));
        lows.add(finite(e.low()));
        highs.add(finite(e.high()));
      }
      mean.put(key, means);
      low.put(key, lows);
      high.put(key, highs);
    }

    private static @Nullable Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }

  /** Per window, over the replications (windows after a replication's stop count as empty). */
  private static SeriesBands series(List<ReplicationResult> runs) {
    SeriesBands out = new SeriesBands();
    TimeSeries first = runs.getFirst().series();
    if (first == null) {
      return out;
    }
    int windows = first.windows();
    double w = first.window();
    out.put("network.throughput", runs, windows, ts -> i -> ts.exits()[i] / w);
    out.put("network.meanResponse", runs, windows, ts -> i -> ts.meanResponse()[i]);
    for (int s = 0; s < first.stations().size(); s++) {
      int index = s;
      String id = first.stations().get(s).id();
      out.put(id + ".throughput", runs, windows, ts -> i -> ts.stations().get(index).completions()[i] / w);
      out.put(id + ".meanResponse", runs, windows, ts -> i -> ts.stations().get(index).meanResponse()[i]);
      out.put(id + ".utilisation", runs, windows, ts -> i -> ts.stations().get(index).utilisation()[i]);
      out.put(id + ".queueLength", runs, windows, ts -> i -> ts.stations().get(index).meanQueueLength()[i]);
      out.put(id + ".drops", runs, windows, ts -> i -> (double) ts.stations().get(index).drops()[i]);
      out.put(id + ".replicas", runs, windows, ts -> i -> ts.stations().get(index).meanServers()[i]);
    }
    return out;
  }

  private interface Column {
    java.util.function.IntToDoubleFunction of(TimeSeries ts);
  }
}
