package io.doppel.predict.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warning definitions (kept in a {@link WarningStore}) and their evaluation. One background thread ticks; each
 * tick evaluates at most {@code perTick} (definition, twin) pairs, round-robin, and only those whose series has a
 * newer value than last time (or that were just defined), so the cost follows the data, not the number of twins.
 * When every pair has had its turn, the next tick lists the twins again (new twins join, deleted ones leave).
 * Forecasts are refitted incrementally ({@link io.doppel.predict.forecast.OnlineForecaster}).
 */
public final class WarningMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarningMonitor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Pairs watched at most; each holds up to a few tens of KB of series and forecast. */
  public static final int MAX_WATCHES = 20_000;
  /** How often the twins are listed again at most, unless a definition changed: listing reads every twin's id. */
  static final Duration RELIST_EVERY = Duration.ofSeconds(10);
  /** Pairs looked at per evaluated pair at most: a look asks the history for the series' newest value. */
  private static final int LOOKS_PER_EVALUATION = 20;

  private record Target(String name, String twinId) {}

  private final WarningStore store;
  private final WarningInputs inputs;
  private final Clock clock;
  private final int perTick;
  private final Object definitionsLock = new Object();
  private volatile Map<String, WarningDefinition> definitions = Map.of();
  private final Map<Target, ActiveWarning> active = new ConcurrentHashMap<>();
  private final List<Consumer<WarningTransition>> listeners = new CopyOnWriteArrayList<>();
  // owned by the ticking thread (tick is synchronized)
  private final Map<Target, SeriesWatch> watches = new HashMap<>();
  private final ArrayDeque<Target> turn = new ArrayDeque<>();
  private boolean warnedFull;
  private Instant nextRelist = Instant.MIN;
  private volatile boolean redefined;
  private volatile @Nullable Thread thread;
  private volatile boolean closed;

  public WarningMonitor(WarningStore store, WarningInputs inputs, Clock clock, int perTick) {
    this.store = store;
    this.inputs = inputs;
    this.clock = clock;
    this.perTick = perTick;
    Map<String, WarningDefinition> loaded = new TreeMap<>();
    store.load().forEach((name, text) -> {
      try {
        loaded.put(name, WarningDefinition.parse(name, JSON.readTree(text)));
      } catch (IOException | DoppelException e) {
        LOG.error("stored warning '{}' is unreadable and is skipped: {}", name, e.getMessage());
      }
    });
    definitions = Map.copyOf(loaded);
  }

  /** Ticks every {@code every} on a daemon thread of its own until closed. */
  public WarningMonitor start(Duration every) {
    thread = Thread.ofPlatform().name("doppel-warnings").daemon(true).start(() -> {
      while (!closed) {
        try {
          tick();
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // one bad pass must not stop the warnings; the next tick tries again
          LOG.error("warning evaluation failed", e);
        }
      }
    });
    return this;
  }

  /** Defines or replaces warning {@code name}, durably; it is evaluated from the next tick. */
  public WarningDefinition define(String name, JsonNode body) {
    WarningDefinition d = WarningDefinition.parse(name, body);
    synchronized (definitionsLock) {
      store.put(name, d.toJson().toString());
      Map<String, WarningDefinition> next = new TreeMap<>(definitions);
      next.put(name, d);
      definitions = Map.copyOf(next);
      redefined = true;
    }
    return d;
  }

  public WarningDefinition get(String name) {
    WarningDefinition.checkName(name);
    WarningDefinition d = definitions.get(name);
    if (d == null) {
      throw notFound(name);
    }
    return d;
  }

  /** Every definition, ordered by name. */
  public List<WarningDefinition> list() {
    return new TreeMap<>(definitions).values().stream().toList();
  }

  /** Deletes warning {@code name}; its warnings in force end (with a transition) at the next tick. */
  public void delete(String name) {
    synchronized (definitionsLock) {
      if (!definitions.containsKey(name)) {
        throw notFound(name);
      }
      store.delete(name);
      Map<String, WarningDefinition> next = new HashMap<>(definitions);
      next.remove(name);
      definitions = Map.copyOf(next);
      redefined = true;
    }
  }

  /** The warnings in force, of one twin or of all ({@code twinId} null), soonest expected crossing first. */
  public List<ActiveWarning> active(@Nullable String twinId) {
    List<ActiveWarning> out = new ArrayList<>();
    for (ActiveWarning w : active.values()) {
      if (twinId == null || w.twinId().equals(twinId)) {
        out.add(w);
      }
    }
    out.sort(Comparator.comparing(ActiveWarning::expectedAt).thenComparing(ActiveWarning::twinId)
        .thenComparing(ActiveWarning::name));
    return out;
  }

  /** The soonest warning in force on one twin's series, whatever its definition; null when none is. */
  public @Nullable ActiveWarning soonest(String twinId, String series) {
    ActiveWarning best = null;
    for (ActiveWarning w : active.values()) {
      if (w.twinId().equals(twinId) && w.series().equals(series)
          && (best == null || w.expectedAt().isBefore(best.expectedAt()))) {
        best = w;
      }
    }
    return best;
  }

  /** Receives every warning that comes into force or ends, on the monitor's thread: keep it short. */
  public AutoCloseable onTransition(Consumer<WarningTransition> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * One bounded step of work: lists the pairs again when every one has had its turn (at most every
   * {@link #RELIST_EVERY}) or a definition changed, then evaluates at most {@code perTick} of them. Returns how many
   * were evaluated.
   */
  public synchronized int tick() {
    Instant now = clock.instant();
    if (redefined || turn.isEmpty() && !now.isBefore(nextRelist)) {
      redefined = false;
      nextRelist = now.plus(RELIST_EVERY);
      turn.clear();
      relist(definitions);
    }
    Map<String, WarningDefinition> defs = definitions;
    int done = 0;
    int looks = 0;
    while (done < perTick && looks++ < perTick * LOOKS_PER_EVALUATION && !turn.isEmpty()) {
      Target t = turn.poll();
      WarningDefinition d = defs.get(t.name());
      SeriesWatch watch = watches.get(t);
      if (d == null || watch == null) {
        continue;
      }
      if (watch.definition != d) {
        watch = new SeriesWatch(d); // redefined: the old forecast answers another question
        watches.put(t, watch);
      }
      if (!watch.due(t.twinId(), inputs, now)) {
        continue;
      }
      done++;
      ActiveWarning state;
      try {
        state = watch.evaluate(t.twinId(), inputs, now);
      } catch (RuntimeException e) {
        LOG.warn("warning '{}' on twin '{}' could not be evaluated: {}", t.name(), t.twinId(), e.toString());
        continue;
      }
      update(t, state);
    }
    return done;
  }

  private void relist(Map<String, WarningDefinition> defs) {
    Set<Target> present = new HashSet<>();
    for (WarningDefinition d : defs.values()) {
      List<String> twins;
      try {
        twins = inputs.twins(d);
      } catch (RuntimeException e) {
        LOG.warn("the twins of warning '{}' could not be listed: {}", d.name(), e.toString());
        continue;
      }
      for (String twinId : twins) {
        if (!d.idMatches(twinId)) {
          continue;
        }
        Target t = new Target(d.name(), twinId);
        if (!watches.containsKey(t)) {
          if (watches.size() >= MAX_WATCHES) {
            if (!warnedFull) {
              LOG.warn("{} warning series are watched already; further ones are not", MAX_WATCHES);
              warnedFull = true;
            }
            continue;
          }
          watches.put(t, new SeriesWatch(d));
        }
        present.add(t);
        turn.add(t);
      }
    }
    watches.keySet().removeIf(t -> !present.contains(t));
    for (Target t : List.copyOf(active.keySet())) {
      if (!present.contains(t)) {
        update(t, null); // its definition or its twin is gone
      }
    }
  }

  private void update(Target t, @Nullable ActiveWarning state) {
    ActiveWarning before = state == null ? active.remove(t) : active.put(t, state);
    if ((before == null) == (state == null)) {
      return;
    }
    WarningTransition transition = new WarningTransition(state != null ? state : before, state != null);
    LOG.info("warning {} {} for twin '{}': {}", t.name(), state != null ? "raised" : "ended", t.twinId(),
        transition.warning().text());
    for (Consumer<WarningTransition> listener : listeners) {
      try {
        listener.accept(transition);
      } catch (RuntimeException e) {
        LOG.warn("a warning listener failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    store.close();
  }

  private static DoppelException notFound(String name) {
    return new DoppelException(ErrorCode.WARNING_NOT_FOUND, "warning '" + name + "' does not exist",
        List.of(new DoppelException.Detail(ErrorCode.WARNING_NOT_FOUND.name(), "name", "no warning '" + name + "'")));
  }
}
