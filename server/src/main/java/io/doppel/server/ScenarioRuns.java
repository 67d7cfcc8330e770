package io.doppel.server;

import io.doppel.history.HistoryService;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.sim.scenario.Calibration;
import io.doppel.sim.scenario.ScenarioDefinition;
import io.doppel.sim.scenario.ScenarioResult;
import io.doppel.sim.scenario.ScenarioRunner;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.PersonalSnapshot;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.TwinEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Scenario runs: each reads a consistent snapshot (now, or the past through the history), copies what the
 * simulation needs and closes it at once, so live ingestion never waits on a run. Definitions are checked
 * against the graph before a run is accepted (a bad one is a 400 on {@code POST}); the simulation then goes on
 * a background thread, one run at a time, its replications on {@code parallelism} threads; the runs waiting for it
 * are bounded by {@link ScenarioQueue} (429 past it), each showing its place in line. The most recent
 * {@link #KEPT} runs are kept, in memory and in {@code archive} (written when a run is submitted and when it ends),
 * so their results survive a restart; a run the restart cut short shows as failed ({@code RUN_INTERRUPTED}).
 * Re-running a stored version gives the same figures for the same seed and graph.
 */
final class ScenarioRuns implements AutoCloseable {
  static final int KEPT = 100;

  private final TwinEngine engine;
  private final HistoryService history;
  private final HistorySeries series;
  private final ScenarioRunner runner;
  private final Clock clock;
  /** One thread; {@link ScenarioQueue} bounds what waits for it, and a cancelled run is purged from its queue. */
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "scenario-runs");
        t.setDaemon(true);
        return t;
      });
  private final ScenarioQueue queue;
  private final Map<String, RunView> runs = new LinkedHashMap<>();
  private final DocumentStore archive;
  private volatile boolean closing;

  ScenarioRuns(TwinEngine engine, HistoryService history, int parallelism, Clock clock, DocumentStore archive,
      ScenarioQueue queue) {
    this.engine = engine;
    this.queue = queue;
    this.history = history;
    this.series = new HistorySeries(history);
    this.runner = new ScenarioRunner(parallelism);
    this.clock = clock;
    this.archive = archive;
    restore();
  }

  /** The runs kept from before, oldest first; those a stop cut short are failed now, and written so. */
  private void restore() {
    List<ArchivedRun> kept = new ArrayList<>();
    for (DocumentStore.StoredDocument doc : archive.latestAll()) {
      try {
        kept.add(ArchivedRun.parse(Json.MAPPER.readTree(doc.text())));
      } catch (java.io.IOException | RuntimeException e) {
        archive.delete(doc.id()); // unreadable: nothing to show, and it must not stop the server from starting
      }
    }
    kept.sort(java.util.Comparator.comparing(r -> r.run().path("submittedAt").asText()));
    for (ArchivedRun run : kept) {
      ArchivedRun shown = run.finished() ? run : run.interruptedBy(clock.instant());
      if (shown != run) {
        keep(shown);
      }
      runs.put(shown.id(), shown);
    }
    evict();
  }

  private void keep(ArchivedRun run) {
    archive.put(run.id(), run.stored().toString(), clock.instant());
  }

  ScenarioRun run(ScenarioStore.Stored stored, Access caller) {
    return queued(() -> prepareRun(stored, caller));
  }

  private Queued prepareRun(ScenarioStore.Stored stored, Access caller) {
    ScenarioDefinition def = stored.parsed();
    Captured graph = capture(def.base(), caller);
    ScenarioRunner.Prepared prepared = ScenarioRunner.prepare(graph.graph(), def, series);
    ScenarioRun run = new ScenarioRun(newId(), stored.id(), stored.version(), "run", clock.instant(), def.base(),
        graph.version(), def.run().replications());
    run.personalInClear = graph.personalInClear();
    return new Queued(run, prepared);
  }

  /**
   * Calibrates the scenario's base graph from telemetry in {@code [from, to)} and runs it: the baseline is the
   * graph as stored in the twins, the scenario side the calibrated one, so the comparison shows what calibration
   * changed and {@code calibration.fit} how close the calibrated figures are to the observed ones.
   */
  ScenarioRun calibrate(ScenarioStore.Stored stored, Instant from, Instant to, Access caller) {
    return queued(() -> prepareCalibration(stored, from, to, caller));
  }

  private Queued prepareCalibration(ScenarioStore.Stored stored, Instant from, Instant to, Access caller) {
    ScenarioDefinition def = stored.parsed();
    Captured graph = capture(def.base(), caller);
    Calibration.Result calibration = Calibration.estimate(graph.graph(), series, from, to);
    if (calibration.estimates().isEmpty()) {
      throw Requests.invalid("from", "no twin has recorded telemetry co-typed ObservedArrivalRate (and"
          + " ObservedLatency for stations) between " + from + " and " + to);
    }
    ScenarioDefinition calibrated = new ScenarioDefinition(def.name(), def.description(), def.base(),
        calibration.changes(), def.workload(), def.run());
    ScenarioRunner.Prepared prepared = ScenarioRunner.prepare(graph.graph(), calibrated, series);
    ScenarioRun run = new ScenarioRun(newId(), stored.id(), stored.version(), "calibration", clock.instant(),
        def.base(), graph.version(), def.run().replications());
    run.personalInClear = graph.personalInClear();
    run.calibration = calibration;
    run.calibrationFrom = from;
    run.calibrationTo = to;
    return new Queued(run, prepared);
  }

  private record Queued(ScenarioRun run, ScenarioRunner.Prepared prepared) {}

  /**
   * A place in the queue first (429 when there is none), then the costly copy of the graph and the run's record in
   * the archive (either may fail: the place is given back), then the run.
   */
  private ScenarioRun queued(Supplier<Queued> prepare) {
    queue.reserve();
    Queued queued;
    try {
      queued = prepare.get();
      keep(ArchivedRun.of(queued.run()));
    } catch (RuntimeException e) {
      queue.unreserve();
      throw e;
    }
    return start(queued.run(), queued.prepared());
  }

  synchronized RunView get(String scenario, String id) {
    RunView run = runs.get(id);
    if (run == null || !run.scenario().equals(scenario)) {
      throw new DoppelException(ErrorCode.SCENARIO_RUN_NOT_FOUND, "scenario '" + scenario + "' has no run '" + id
          + "'", List.of(new DoppelException.Detail(ErrorCode.SCENARIO_RUN_NOT_FOUND.name(), "run", id)));
    }
    return run;
  }

  synchronized List<RunView> list(String scenario) {
    return runs.values().stream().filter(r -> r.scenario().equals(scenario)).toList();
  }

  /** Cancels a queued or running run; a finished one (or one kept from before a restart) is left as it is. */
  RunView cancel(String scenario, String id) {
    RunView view = get(scenario, id);
    if (!(view instanceof ScenarioRun run)) {
      return view;
    }
    var future = run.future;
    if (!run.finished() && future != null) {
      future.cancel(true);
      if (run.status == ScenarioRun.Status.QUEUED) {
        run.status = ScenarioRun.Status.CANCELLED;
        run.finishedAt = clock.instant();
        queue.leave(run);
        executor.purge(); // the cancelled task, and the graph it holds, leave the executor's queue now
        keep(ArchivedRun.of(run));
      }
    }
    return run;
  }

  private record Captured(SimGraph graph, long version, boolean personalInClear) {}

  /**
   * The fork: the graph now or at {@code base}, with the personal values the caller may not see in clear
   * pseudonymised or dropped before anything is copied ({@link PersonalSnapshot}).
   */
  private Captured capture(@Nullable Instant base, Access caller) {
    try (GraphSnapshot snapshot = base == null ? engine.snapshot() : history.snapshotAt(base)) {
      return new Captured(fork(snapshot, caller), snapshot.version(),
          caller.seesAllPersonalData() && snapshot.models().holdsPersonalData());
    }
  }

  static SimGraph fork(GraphSnapshot snapshot, Access caller) {
    return SimGraph.capture(PersonalSnapshot.of(snapshot, caller));
  }

  private ScenarioRun start(ScenarioRun run, ScenarioRunner.Prepared prepared) {
    run.queue = queue;
    queue.enqueue(run);
    synchronized (this) {
      runs.put(run.id, run);
      evict();
    }
    run.future = executor.submit(() -> execute(run, prepared));
    return run;
  }

  private void execute(ScenarioRun run, ScenarioRunner.Prepared prepared) {
    queue.leave(run);
    if (run.status == ScenarioRun.Status.CANCELLED) {
      return;
    }
    Instant started = clock.instant();
    run.startedAt = started;
    run.status = ScenarioRun.Status.RUNNING;
    try {
      ScenarioResult result = runner.run(prepared, (done, total) -> run.done = done);
      run.result = result;
      run.status = ScenarioRun.Status.DONE;
    } catch (InterruptedException e) {
      if (closing) {
        run.errorCode = ArchivedRun.INTERRUPTED;
        run.errorMessage = ArchivedRun.INTERRUPTED_MESSAGE;
        run.status = ScenarioRun.Status.FAILED;
      } else {
        run.status = ScenarioRun.Status.CANCELLED;
      }
    } catch (RuntimeException e) {
      run.failed(e);
    } catch (OutOfMemoryError e) {
      run.failed(new IllegalStateException("the run needed more memory than the server has; lower maxCustomers"));
    } finally {
      Instant finished = clock.instant();
      run.finishedAt = finished;
      queue.ran(Duration.between(started, finished));
      keep(ArchivedRun.of(run));
    }
  }

  private void evict() {
    if (runs.size() <= KEPT) {
      return;
    }
    List<String> finished = new ArrayList<>();
    runs.values().stream().filter(RunView::finished).forEach(r -> finished.add(r.id()));
    for (String id : finished) {
      if (runs.size() <= KEPT) {
        break;
      }
      runs.remove(id);
      archive.delete(id);
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() {
    closing = true;
    executor.shutdownNow();
  }
}
