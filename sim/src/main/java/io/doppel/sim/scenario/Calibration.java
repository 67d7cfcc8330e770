package io.doppel.sim.scenario;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.doppel.sim.twin.SimGraph;
import io.doppel.sim.twin.SimRole;
import io.doppel.sim.twin.SimSchema;
import io.doppel.sim.twin.SimTwin;
import io.doppel.sim.twin.SimVocabulary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Estimates sources' arrival rates and stations' mean service times from recorded telemetry over a window: a rate
 * is the mean of the series co-typed {@code ObservedArrivalRate}; a mean service time is the one for which an
 * M/M/c station with the twin's replicas at the observed rate has the observed latency ({@code ObservedLatency};
 * a series named like p50/p95/p99 is taken as that percentile of an exponential response time). The estimates are
 * returned as {@code setProperty} changes, so the calibrated baseline is a scenario like any other.
 */
public final class Calibration {
  private Calibration() {}

  /** One twin's observations and what was estimated from them (seconds, requests per second). */
  public record Estimate(
      String twin,
      String property,
      double value,
      @Nullable Double observedRate,
      @Nullable Double observedLatency,
      @Nullable String latencyKind,
      int samples) {}

  public record Result(List<Estimate> estimates, List<Change> changes) {}

  /** How far the calibrated run is from what was observed, per twin and metric. */
  public record Fit(String twin, String metric, double observed, Stat simulated, @Nullable Double relativeError) {}

  /** Compares the calibrated run's throughput and latency (of the observed kind) with the observations. */
  public static List<Fit> fit(Result calibration, RunResult calibrated) {
    List<Fit> out = new ArrayList<>();
    for (Estimate e : calibration.estimates()) {
      var metrics = calibrated.twins().get(e.twin());
      if (metrics == null) {
        continue;
      }
      if (e.observedRate() != null) {
        out.add(fit(e.twin(), "throughput", e.observedRate(), metrics.get("throughput")));
      }
      if (e.observedLatency() != null && e.latencyKind() != null) {
        String metric = e.latencyKind().equals("mean") ? "meanResponse" : e.latencyKind() + "Response";
        out.add(fit(e.twin(), metric, e.observedLatency(), metrics.get(metric)));
      }
    }
    return out;
  }

  private static Fit fit(String twin, String metric, double observed, Stat simulated) {
    Double rel = simulated.mean() == null || observed == 0 ? null : (simulated.mean() - observed) / observed;
    return new Fit(twin, metric, observed, simulated, rel);
  }

  public static Result estimate(SimGraph graph, RecordedSeries history, Instant from, Instant to) {
    List<Estimate> estimates = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (SimTwin twin : graph.twins()) {
      SimSchema.Field rateField = twin.schema().field(SimVocabulary.OBSERVED_ARRIVAL_RATE);
      if (rateField == null) {
        continue;
      }
      List<RecordedSeries.Sample> rates = history.samples(twin.id(), rateField.name(), from, to);
      if (rates.isEmpty()) {
        continue;
      }
      double rate = mean(rates);
      if (twin.role() == SimRole.SOURCE) {
        SimSchema.Field target = twin.schema().field(SimVocabulary.ARRIVAL_RATE);
        if (target != null && rate > 0) {
          estimates.add(new Estimate(twin.id(), target.name(), rate, rate, null, null, rates.size()));
          changes.add(new Change.SetProperty(twin.id(), target.name(), DoubleNode.valueOf(rate)));
        }
        continue;
      }
      SimSchema.Field latencyField = twin.schema().field(SimVocabulary.OBSERVED_LATENCY);
      SimSchema.Field serviceField = twin.schema().field(SimVocabulary.MEAN_SERVICE_TIME);
      if (twin.role() != SimRole.STATION || latencyField == null || serviceField == null) {
        continue;
      }
      List<RecordedSeries.Sample> latencies = history.samples(twin.id(), latencyField.name(), from, to);
      if (latencies.isEmpty() || !(rate > 0)) {
        continue;
      }
      double observed = mean(latencies) * latencyField.secondsPerUnit();
      String kind = kind(latencyField.name());
      double meanResponse = observed / switch (kind) {
        case "p50" -> Math.log(2);
        case "p95" -> Math.log(20);
        case "p99" -> Math.log(100);
        default -> 1;
      };
      int c = replicas(twin);
      double service = MmcResponse.serviceTimeFor(rate, c, meanResponse);
      double inUnit = service / serviceField.secondsPerUnit();
      estimates.add(new Estimate(twin.id(), serviceField.name(), inUnit, rate, observed, kind, latencies.size()));
      changes.add(new Change.SetProperty(twin.id(), serviceField.name(), DoubleNode.valueOf(inUnit)));
    }
    return new Result(estimates, changes);
  }

  static String kind(String telemetry) {
    String n = telemetry.toLowerCase(Locale.ROOT);
    for (String p : List.of("p50", "p95", "p99")) {
      if (n.contains(p)) {
        return p;
      }
    }
    return "mean";
  }

  private static int replicas(SimTwin twin) {
    SimSchema.Field f = twin.schema().field(SimVocabulary.REPLICAS);
    if (f == null || twin.properties().get(f.name()) == null) {
      return 1;
    }
    return Math.max(1, twin.properties().get(f.name()).asInt(1));
  }

  private static double mean(List<RecordedSeries.Sample> samples) {
    return samples.stream().mapToDouble(RecordedSeries.Sample::value).average().orElse(Double.NaN);
  }
}
