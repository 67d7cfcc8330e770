package io.doppel.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.twin.ExtraSource;
import io.doppel.sim.twin.SimGraph;
import io.doppel.sim.twin.SimRole;
import io.doppel.sim.twin.SimSchema;
import io.doppel.sim.twin.SimTwin;
import io.doppel.sim.twin.SimVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every source's arrival process for one run: the workload's process or the twin's own rate, with the scenario's
 * demand multipliers applied; and the floods as extra sources.
 */
final class Workloads {
  private Workloads() {}

  record Built(Map<String, ArrivalProcess> arrivals, List<ExtraSource> floods) {}

  static Built build(SimGraph graph, ScenarioDefinition def, List<Change> timeChanges,
      @Nullable RecordedSeries history) {
    double horizon = def.run().horizon();
    Map<String, ArrivalProcess> arrivals = new LinkedHashMap<>();
    for (String id : def.workload().keySet()) {
      SimTwin twin = graph.twin(id);
      if (twin == null || twin.role() != SimRole.SOURCE) {
        throw Invalid.field("workload." + id, "no source twin '" + id + "' in the simulation (the workload names"
            + " arrival processes of SimSource twins)");
      }
    }
    for (SimTwin twin : graph.twins()) {
      if (twin.role() != SimRole.SOURCE) {
        continue;
      }
      String at = def.workload().containsKey(twin.id()) ? "workload." + twin.id() : "twins[" + twin.id() + "]";
      ArrivalSpec spec = def.workload().get(twin.id());
      if (spec == null) {
        spec = new ArrivalSpec.Poisson(ownRate(twin));
      }
      List<Change.Demand> demands = new ArrayList<>();
      for (Change c : timeChanges) {
        if (c instanceof Change.Demand d && (d.source() == null || d.source().equals(twin.id()))) {
          demands.add(d);
        }
      }
      if (spec instanceof ArrivalSpec.Constant constant) {
        if (!demands.isEmpty()) {
          throw Invalid.field(at, "constant arrivals cannot be multiplied by a demand change; use poisson");
        }
        arrivals.put(twin.id(), ArrivalProcess.constant(1 / constant.rate()));
        continue;
      }
      RateCurve curve = curve(at, spec, horizon, history);
      for (Change.Demand d : demands) {
        curve = curve.times(d.factor(), d.start(), d.duration(), horizon);
      }
      arrivals.put(twin.id(), curve.process(at));
    }
    for (Change c : timeChanges) {
      if (c instanceof Change.Demand d && d.source() != null && !arrivals.containsKey(d.source())) {
        throw Invalid.field("changes.source", "no source twin '" + d.source() + "'");
      }
    }
    List<ExtraSource> floods = new ArrayList<>();
    int n = 0;
    for (Change c : timeChanges) {
      if (c instanceof Change.Flood f) {
        floods.add(new ExtraSource("flood-" + (n++) + ":" + f.twin(),
            RateCurve.window(f.rate(), f.start(), f.duration(), horizon).process("flood"), f.twin()));
      }
    }
    return new Built(arrivals, floods);
  }

  private static double ownRate(SimTwin twin) {
    SimSchema.Field f = twin.schema().field(SimVocabulary.ARRIVAL_RATE);
    String at = "twins[" + twin.id() + "]";
    if (f == null) {
      throw Invalid.field(at, "model " + twin.schema().model() + " has no property co-typed ArrivalRate and the"
          + " workload names no process for it");
    }
    JsonNode v = twin.properties().get(f.name());
    if (v == null || !v.isNumber()) {
      throw Invalid.field(at + "." + f.name(), "is not set to a number and the workload names no process for it");
    }
    return Invalid.positive(at + "." + f.name(), v.asDouble());
  }

  private static RateCurve curve(String at, ArrivalSpec spec, double horizon, @Nullable RecordedSeries history) {
    return switch (spec) {
      case ArrivalSpec.Poisson p -> RateCurve.flat(horizon, p.rate());
      case ArrivalSpec.Constant c -> RateCurve.flat(horizon, c.rate());
      case ArrivalSpec.Daily d -> RateCurve.repeating(horizon, 86_400, d.rates());
      case ArrivalSpec.Profile p -> RateCurve.repeating(horizon, p.period(), p.rates());
      case ArrivalSpec.Spike s -> RateCurve.flat(horizon, s.rate())
          .times(s.spikeRate() / s.rate(), Math.min(s.start(), horizon), s.duration(), horizon);
      case ArrivalSpec.History h -> {
        if (history == null) {
          throw Invalid.field(at, "a workload from history needs the server's recorded telemetry");
        }
        yield RateCurve.repeating(horizon, seconds(h), recorded(at, h, history));
      }
    };
  }

  private static double seconds(ArrivalSpec.History h) {
    return (h.to().toEpochMilli() - h.from().toEpochMilli()) / 1000.0;
  }

  /** Mean recorded rate per slot; slots without samples take the overall mean. */
  static double[] recorded(String at, ArrivalSpec.History h, RecordedSeries history) {
    List<RecordedSeries.Sample> samples = history.samples(h.twin(), h.telemetry(), h.from(), h.to());
    if (samples.isEmpty()) {
      throw Invalid.field(at, "no samples of " + h.twin() + "." + h.telemetry() + " between " + h.from() + " and "
          + h.to());
    }
    int slots = (int) Math.max(1, Math.min(RateCurve.MAX_SLOTS, Math.ceil(seconds(h) / h.slot())));
    double[] sum = new double[slots];
    int[] count = new int[slots];
    double all = 0;
    for (RecordedSeries.Sample s : samples) {
      double offset = (s.time().toEpochMilli() - h.from().toEpochMilli()) / 1000.0;
      int k = (int) Math.min(slots - 1, Math.max(0, Math.floor(offset / seconds(h) * slots)));
      double v = Math.max(0, s.value());
      sum[k] += v;
      count[k]++;
      all += v;
    }
    double mean = all / samples.size();
    if (!(mean > 0)) {
      throw Invalid.field(at, h.twin() + "." + h.telemetry() + " recorded no positive rate in the window");
    }
    double[] rates = new double[slots];
    for (int i = 0; i < slots; i++) {
      rates[i] = count[i] == 0 ? mean : sum[i] / count[i];
    }
    return rates;
  }
}
