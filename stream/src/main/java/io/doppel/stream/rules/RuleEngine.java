package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.ModelCatalog;
import io.doppel.stream.spi.RuleStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one engine: defined over the API, kept in a {@link RuleStore}, evaluated as changes and telemetry
 * arrive. The engine's listener only queues; one worker thread works out which (rule, twin) pairs a batch of
 * changes can alter, evaluates each once, and writes results back through the engine with the rule as origin, only
 * when they differ from what the twin holds. If the queue ever fills (the worker fell {@value #QUEUE} changes
 * behind), changes are not dropped silently: every rule is evaluated again over every twin it applies to.
 */
public final class RuleEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
  static final int QUEUE = 65_536;
  private static final int DRAIN = 4096;
  /** How often pending alerts are checked against the clock when nothing arrives. */
  private static final long TICK_MILLIS = 100;

  private final TwinEngine engine;
  private final RuleStore store;
  private final Clock clock;
  private final ArrayBlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private final Object definitions = new Object();
  /** Compiled rules by id; replaced as a whole under {@link #definitions}, read by the worker without a lock. */
  private volatile Map<String, Rule> rules = Map.of();
  /** Stored rules that no longer compile against the models (their model was deleted or changed), with why. */
  private volatile Map<String, Broken> broken = Map.of();
  private final Map<String, RuleStats> stats = new java.util.concurrent.ConcurrentHashMap<>();
  private final AlertTracker alerts = new AlertTracker();
  private final List<Consumer<AlertTransition>> alertListeners = new CopyOnWriteArrayList<>();
  private final Evaluation evaluation;
  private final AutoCloseable subscription;
  private final Thread worker;
  private volatile boolean closed;

  private record Broken(RuleDefinition definition, String problem) {}

  private RuleEngine(TwinEngine engine, RuleStore store, Clock clock, TelemetrySource telemetry) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.evaluation = new Evaluation(engine, new LatestTelemetry(telemetry), alerts, clock, this::transition);
    load();
    // Subscribed before the first evaluation is queued: no change falls between them.
    this.subscription = engine.subscribe(this::changed);
    rules.keySet().forEach(id -> queue.add(new Work.Defined(id)));
    this.worker = Thread.ofPlatform().name("doppel-rules").daemon(true).start(this::work);
  }

  /** Loads the rules in {@code store} (which it then owns) and evaluates them over the existing twins. */
  public static RuleEngine start(TwinEngine engine, RuleStore store, Clock clock, TelemetrySource telemetry) {
    return new RuleEngine(engine, store, clock, telemetry);
  }

  /**
   * Defines or replaces rule {@code id} from its JSON definition, durably, then evaluates it over every twin it
   * applies to (in the background).
   *
   * @throws DoppelException {@code RULE_INVALID} naming the field (and position, in an expression) at fault
   */
  public RuleStatus define(String id, JsonNode body) {
    RuleDefinition definition = RuleDefinition.parse(id, body);
    synchronized (definitions) {
      Rule rule = RuleCompiler.compile(definition, engine.catalog());
      Map<String, Rule> others = new HashMap<>(rules);
      others.remove(id);
      RuleCompiler.checkCycles(rule, others.values());
      store.put(id, definition.toJson().toString());
      others.put(id, rule);
      stats.put(id, new RuleStats());
      install(others);
      Map<String, Broken> stillBroken = new HashMap<>(broken);
      stillBroken.remove(id);
      broken = Map.copyOf(stillBroken);
      queue.offer(new Work.Defined(id));
      overflowedIfFull();
    }
    return get(id);
  }

  /** Deletes rule {@code id}; its alerts are forgotten, what it wrote stays. */
  public void delete(String id) {
    synchronized (definitions) {
      if (!rules.containsKey(id) && !broken.containsKey(id)) {
        throw notFound(id);
      }
      store.delete(id);
      Map<String, Rule> left = new HashMap<>(rules);
      left.remove(id);
      install(left);
      Map<String, Broken> stillBroken = new HashMap<>(broken);
      stillBroken.remove(id);
      broken = Map.copyOf(stillBroken);
      stats.remove(id);
      queue.offer(new Work.Deleted(id));
      overflowedIfFull();
    }
  }

  public RuleStatus get(String id) {
    RuleDefinition.checkId(id);
    Rule rule = rules.get(id);
    if (rule != null) {
      return status(rule.definition(), null);
    }
    Broken b = broken.get(id);
    if (b != null) {
      return status(b.definition(), b.problem());
    }
    throw notFound(id);
  }

  /** Every rule, ordered by id. */
  public List<RuleStatus> list() {
    Map<String, RuleStatus> out = new TreeMap<>();
    rules.values().forEach(r -> out.put(r.id(), status(r.definition(), null)));
    broken.values().forEach(b -> out.put(b.definition().id(), status(b.definition(), b.problem())));
    return List.copyOf(out.values());
  }

  /** Pending and active alerts, optionally only of one state, rule or twin. */
  public List<Alert> alerts(@Nullable AlertState state, @Nullable String ruleId, @Nullable String twinId) {
    return alerts.list(state, ruleId, twinId);
  }

  /** Receives every alert transition, on the rule engine's thread: keep it short. */
  public AutoCloseable onAlert(Consumer<AlertTransition> listener) {
    alertListeners.add(listener);
    return () -> alertListeners.remove(listener);
  }

  /**
   * Telemetry of {@code twinId} (or of its {@code component}) is durable: rules reading it are evaluated again.
   * Returns at once; safe to call on another component's writer thread.
   */
  public void telemetry(String twinId, @Nullable String component, ObjectNode message) {
    if (!closed && !queue.offer(new Work.Telemetry(twinId, component, message))) {
      overflowed.set(true);
    }
  }

  /**
   * Something rules read about twin {@code twinId} changed outside the engine and its telemetry (a time-to-threshold
   * warning came or went): every rule applying to the twin is evaluated again. Returns at once.
   */
  public void recheck(String twinId) {
    if (!closed && !queue.offer(new Work.Recheck(twinId))) {
      overflowed.set(true);
    }
  }

  /** Stops evaluating; what is queued is dropped (it is derived: the next start evaluates every rule again). */
  @Override
  public void close() {
    closed = true;
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("could not unsubscribe the rules from the engine", e);
    }
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  private void load() {
    Map<String, Rule> loaded = new LinkedHashMap<>();
    Map<String, Broken> failed = new HashMap<>();
    ModelCatalog catalog = engine.catalog();
    for (Map.Entry<String, String> stored : store.load().entrySet()) {
      RuleDefinition definition;
      try {
        definition = RuleDefinition.parse(stored.getKey(), RuleDefinition.JSON.readTree(stored.getValue()));
      } catch (IOException | DoppelException e) {
        LOG.error("stored rule '{}' is unreadable and is skipped: {}", stored.getKey(), e.getMessage());
        continue;
      }
      try {
        loaded.put(definition.id(), RuleCompiler.compile(definition, catalog));
      } catch (DoppelException e) {
        failed.put(definition.id(), new Broken(definition, e.getMessage()));
        LOG.warn("rule '{}' no longer fits its model and is not running: {}", definition.id(), e.getMessage());
      }
      stats.put(definition.id(), new RuleStats());
    }
    install(loaded);
    broken = Map.copyOf(failed);
  }

  /** Models were added: a stored rule that did not fit the models before may now; it then runs from here on. */
  private void retryBroken() {
    synchronized (definitions) {
      Map<String, Rule> running = new HashMap<>(rules);
      Map<String, Broken> still = new HashMap<>(broken);
      for (Broken b : broken.values()) {
        try {
          Rule rule = RuleCompiler.compile(b.definition(), engine.catalog());
          RuleCompiler.checkCycles(rule, running.values());
          running.put(rule.id(), rule);
          still.remove(rule.id());
          queue.offer(new Work.Defined(rule.id()));
          LOG.info("rule '{}' fits its model again and runs", rule.id());
        } catch (DoppelException e) {
          still.put(b.definition().id(), new Broken(b.definition(), e.getMessage()));
        }
      }
      install(running);
      broken = Map.copyOf(still);
    }
  }

  private void install(Map<String, Rule> next) {
    rules = Map.copyOf(next);
    java.util.Set<String> names = new java.util.HashSet<>();
    next.values().forEach(r -> names.addAll(r.reads().allNames()));
    evaluation.telemetry().want(names);
  }

  /** On the engine's writer thread: queue and return. */
  private void changed(TwinEvent event) {
    if (!queue.offer(new Work.Change(event))) {
      overflowed.set(true);
    }
  }

  private void overflowedIfFull() {
    if (queue.remainingCapacity() == 0) {
      overflowed.set(true);
    }
  }

  private void work() {
    List<Work> batch = new ArrayList<>(DRAIN);
    while (!closed) {
      try {
        Work first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, DRAIN - 1);
        }
        if (!broken.isEmpty() && batch.stream().anyMatch(w -> w instanceof Work.Change c
            && c.event() instanceof TwinEvent.ModelsAdded)) {
          retryBroken();
        }
        evaluation.run(batch, rules, stats, overflowed.getAndSet(false));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A bug in one batch must not stop every rule; the rules' next inputs evaluate them again.
        LOG.error("rule evaluation failed on a batch of {} changes", batch.size(), e);
      } finally {
        batch.clear();
      }
    }
  }

  private void transition(AlertTransition t) {
    RuleStats s = stats.get(t.ruleId());
    if (s != null) {
      if (t.to() == AlertState.ACTIVE) {
        s.raised.incrementAndGet();
      } else if (t.from() == AlertState.ACTIVE) {
        s.cleared.incrementAndGet();
      }
    }
    LOG.info("alert {} {} for twin '{}' ({})", t.ruleId(), t.kind(), t.twinId(), t.severity());
    for (Consumer<AlertTransition> listener : alertListeners) {
      try {
        listener.accept(t);
      } catch (RuntimeException e) {
        LOG.warn("an alert listener failed", e);
      }
    }
  }

  private RuleStatus status(RuleDefinition d, @Nullable String problem) {
    RuleStats s = stats.getOrDefault(d.id(), new RuleStats());
    return new RuleStatus(d, s.evaluations.get(), s.writes.get(), s.errors.get(), s.lastError(), s.lastErrorAt(),
        s.raised.get(), s.cleared.get(), alerts.count(d.id(), AlertState.ACTIVE),
        alerts.count(d.id(), AlertState.PENDING), problem);
  }

  private static DoppelException notFound(String id) {
    return new DoppelException(ErrorCode.RULE_NOT_FOUND, "rule '" + id + "' does not exist",
        List.of(new DoppelException.Detail(ErrorCode.RULE_NOT_FOUND.name(), "id", "no rule '" + id + "'")));
  }
}
