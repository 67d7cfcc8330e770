package io.doppel.sim.scenario;

import io.doppel.sim.network.Failures;
import io.doppel.sim.network.QueueingRun;
import io.doppel.sim.network.ReplicationResult;
import io.doppel.sim.network.SimulationConfig;
import io.doppel.sim.twin.CompiledNetwork;
import io.doppel.sim.twin.NetworkCompiler;
import io.doppel.sim.twin.SimGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario: compiles the unchanged graph (the baseline) and the changed copy, then runs replication r of
 * both with the same seed and replication index, so they draw the same random numbers wherever the models agree
 * (common random numbers: the difference between them is far less noisy than either). Replications run on
 * {@code parallelism} platform threads; progress is reported per replication. Interrupting the calling thread
 * cancels the run.
 *
 * <p>A baseline the runner has simulated before (the same network to the last number, horizon, seed, replications
 * and limits: a re-run, or another scenario of the same snapshot) is not simulated again: its replications come
 * from a {@link BaselineCache}, which gives the same figures, and the result says so
 * ({@link ScenarioResult#baselineReused}).
 */
public final class ScenarioRunner {
  /** Baselines kept by default: a few snapshots' worth of what-ifs. */
  public static final int DEFAULT_BASELINES_KEPT = 4;

  private final int parallelism;
  private final BaselineCache baselines;

  public ScenarioRunner(int parallelism) {
    this(parallelism, DEFAULT_BASELINES_KEPT);
  }

  /** A runner that keeps up to {@code baselinesKept} baselines' replications for reuse (0: none). */
  public ScenarioRunner(int parallelism, int baselinesKept) {
    if (baselinesKept < 0) {
      throw new IllegalArgumentException("baselinesKept must be >= 0: " + baselinesKept);
    }
    this.parallelism = Math.max(1, parallelism);
    this.baselines = new BaselineCache(baselinesKept);
  }

  /** Both networks, compiled: the definition's errors show here before any simulation starts. */
  public record Prepared(CompiledNetwork baseline, CompiledNetwork scenario, SimulationConfig config) {}

  public static Prepared prepare(SimGraph base, ScenarioDefinition def, @Nullable RecordedSeries history) {
    SimGraph changed = base.copy();
    List<Change> timed = GraphEdits.apply(changed, def.changes());
    Workloads.Built baseWorkload = Workloads.build(base, def, List.of(), history);
    Workloads.Built scenarioWorkload = Workloads.build(changed, def, timed, history);
    CompiledNetwork baseline = NetworkCompiler.compile(base, baseWorkload.arrivals(), baseWorkload.floods());
    CompiledNetwork scenario = NetworkCompiler.compile(changed, scenarioWorkload.arrivals(),
        scenarioWorkload.floods(), outages(timed));
    RunSettings run = def.run();
    SimulationConfig config = SimulationConfig.of(run.horizon())
        .withWarmup(run.warmup())
        .withReplications(run.replications())
        .withSeed(run.seed())
        .withParallelism(1)
        .withWindow(run.window())
        .withLimits(run.maxEventsPerReplication(), SimulationConfig.DEFAULT_MAX_PENDING_EVENTS,
            run.maxCustomers());
    return new Prepared(baseline, scenario, config);
  }

  /** Each failed twin's outage windows {@code [start, start + duration)}, in the order the changes give them. */
  private static Map<String, List<Failures.Outage>> outages(List<Change> timed) {
    Map<String, List<Failures.Outage>> out = new LinkedHashMap<>();
    for (Change c : timed) {
      if (c instanceof Change.Fail f) {
        out.computeIfAbsent(f.twin(), k -> new ArrayList<>()).add(new Failures.Outage(f.start(),
            f.start() + f.duration()));
      }
    }
    return out;
  }

  public ScenarioResult run(Prepared prepared, Progress progress) throws InterruptedException {
    int reps = prepared.config().replications();
    Optional<ContentKey> key = BaselineCache.key(prepared.baseline().network(), prepared.config());
    Optional<List<ReplicationResult>> reused = key.flatMap(baselines::get);
    int total = reused.isPresent() ? reps : 2 * reps;
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, total), r -> {
      Thread t = new Thread(r, "scenario-replication");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ReplicationResult>> base = new ArrayList<>(reps);
      List<Future<ReplicationResult>> changed = new ArrayList<>(reps);
      // one queue, the two sides interleaved: replications of one side take about as long as each other, so
      // every thread stays busy until the last few
      for (int r = 0; r < reps; r++) {
        if (reused.isEmpty()) {
          base.add(submit(pool, prepared.baseline(), prepared.config(), r, done, total, progress));
        }
        changed.add(submit(pool, prepared.scenario(), prepared.config(), r, done, total, progress));
      }
      List<ReplicationResult> baseReplications = reused.isPresent() ? reused.get() : collect(base);
      List<ReplicationResult> scenarioReplications = collect(changed);
      if (reused.isEmpty()) {
        key.ifPresent(k -> baselines.put(k, baseReplications));
      }
      RunResult baseline = Summaries.of(prepared.baseline(), baseReplications, prepared.config().window());
      RunResult scenario = Summaries.of(prepared.scenario(), scenarioReplications, prepared.config().window());
      return new ScenarioResult(baseline, scenario, compare(baseline, scenario), reused.isPresent());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Future<ReplicationResult> submit(ExecutorService pool, CompiledNetwork net,
      SimulationConfig config, int replication, AtomicInteger done, int total, Progress progress) {
    return pool.submit(() -> {
      ReplicationResult result = new QueueingRun(net.network(), config, replication).run();
      progress.replicationsDone(done.incrementAndGet(), total);
      return result;
    });
  }

  private static List<ReplicationResult> collect(List<Future<ReplicationResult>> futures)
      throws InterruptedException {
    List<ReplicationResult> out = new ArrayList<>(futures.size());
    for (Future<ReplicationResult> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("a replication failed", e.getCause());
      }
    }
    return out;
  }

  /** Network metrics first, then every twin both sides simulate, in the baseline's order. */
  static List<MetricComparison> compare(RunResult baseline, RunResult scenario) {
    List<MetricComparison> out = new ArrayList<>();
    addScope(out, "network", baseline.network(), scenario.network());
    for (var e : baseline.twins().entrySet()) {
      Map<String, Stat> other = scenario.twins().get(e.getKey());
      if (other != null) {
        addScope(out, e.getKey(), e.getValue(), other);
      }
    }
    return out;
  }

  private static void addScope(List<MetricComparison> out, String scope, Map<String, Stat> a, Map<String, Stat> b) {
    for (Metric m : Metric.values()) {
      Stat x = a.get(m.json());
      Stat y = b.get(m.json());
      if (x != null && y != null) {
        out.add(MetricComparison.of(scope, m, x, y));
      }
    }
  }
}
