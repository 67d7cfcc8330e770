package io.doppel.predict.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.TwinEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Scores every numeric value a twin records, online, per series: telemetry (named as the history names it, segments
 * joined with {@code /}, a component's prefixed by it) and numeric properties as they are created, replaced or
 * patched. Each series keeps a detector and a bounded window of scores (see {@link SeriesAnomalies}); sensitivity is
 * set per series. Scores live in memory: after a restart the detectors learn again.
 */
public final class LiveAnomalies {

  /** Series beyond this many are not scored: each holds up to about 60 KB, so this bounds the heap to ~1.2 GB. */
  public static final int MAX_SERIES = 20_000;
  private static final int MAX_DEPTH = 8;

  private final Clock clock;
  private final Map<String, SortedMap<String, SeriesAnomalies>> byTwin = new ConcurrentHashMap<>();
  private final Map<String, Double> sensitivities = new ConcurrentHashMap<>();
  private final List<Consumer<Flagged>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger series = new java.util.concurrent.atomic.AtomicInteger();

  /** An anomaly raised on a series. */
  public record Flagged(String twinId, String name, ScoredPoint point) {}

  public LiveAnomalies(Clock clock) {
    this.clock = clock;
  }

  /** Told of every anomaly raised, on the thread that recorded the value: keep it short. */
  public AutoCloseable onAnomaly(Consumer<Flagged> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A telemetry message became durable; {@code time} is its source time or arrival. */
  public void telemetry(String twinId, @Nullable String component, ObjectNode message, @Nullable Instant time) {
    Instant t = time == null ? clock.instant() : time;
    walk(twinId, component == null ? "" : component + "/", message, t, 0);
  }

  /** An engine change: numeric properties that were written are scored; a deleted twin's series are dropped. */
  public void event(TwinEvent event) {
    switch (event) {
      case TwinEvent.TwinCreated c -> walk(c.twinId(), "", c.twin(), c.time(), 0);
      case TwinEvent.TwinReplaced r -> walk(r.twinId(), "", r.twin(), r.time(), 0);
      case TwinEvent.TwinPatched p -> patched(p.twinId(), p.patch(), p.time());
      case TwinEvent.TwinDeleted d -> forget(d.twinId());
      default -> { }
    }
  }

  /** Scores one value of one series. */
  public ScoredPoint record(String twinId, String name, Instant time, double value) {
    // A plain read first: the twin is nearly always known, and this runs for every recorded value.
    SortedMap<String, SeriesAnomalies> twin = byTwin.get(twinId);
    if (twin == null) {
      twin = byTwin.computeIfAbsent(twinId, k -> new ConcurrentSkipListMap<>());
    }
    SeriesAnomalies s = twin.get(name);
    if (s == null) {
      if (series.get() >= MAX_SERIES) {
        return new ScoredPoint(time, value, AnomalyScore.LEARNING);
      }
      s = twin.computeIfAbsent(name, k -> {
        series.incrementAndGet();
        return new SeriesAnomalies(sensitivities.getOrDefault(key(twinId, name), 1.0));
      });
    }
    ScoredPoint p = s.add(time, value);
    if (p.score().anomaly()) {
      Flagged f = new Flagged(twinId, name, p);
      listeners.forEach(l -> l.accept(f));
    }
    return p;
  }

  /** The scored series of a twin, by name. */
  public SortedMap<String, SeriesAnomalies> series(String twinId) {
    SortedMap<String, SeriesAnomalies> twin = byTwin.get(twinId);
    return twin == null ? new ConcurrentSkipListMap<>() : twin;
  }

  public Optional<SeriesAnomalies> series(String twinId, String name) {
    return Optional.ofNullable(series(twinId).get(name));
  }

  /** Sets a series' sensitivity (positive; 1 is the default), also for a series not scored yet. */
  public void setSensitivity(String twinId, String name, double sensitivity) {
    new AnomalyDetector(sensitivity); // validates
    sensitivities.put(key(twinId, name), sensitivity);
    series(twinId, name).ifPresent(s -> s.setSensitivity(sensitivity));
  }

  public double sensitivity(String twinId, String name) {
    return sensitivities.getOrDefault(key(twinId, name), 1.0);
  }

  private void forget(String twinId) {
    SortedMap<String, SeriesAnomalies> gone = byTwin.remove(twinId);
    if (gone != null) {
      series.addAndGet(-gone.size());
    }
    sensitivities.keySet().removeIf(k -> k.startsWith(twinId + "\u0000"));
  }

  private void patched(String twinId, ArrayNode patch, Instant time) {
    for (JsonNode op : patch) {
      String kind = op.path("op").asText();
      if (kind.equals("add") || kind.equals("replace")) {
        String path = op.path("path").asText();
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (!name.isEmpty() && !name.startsWith("$")) {
          walk(twinId, name + "/", op.path("value"), time, 0, name);
        }
      }
    }
  }

  private void walk(String twinId, String prefix, JsonNode node, Instant time, int depth) {
    if (!node.isObject() || depth > MAX_DEPTH) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("$")) {
        continue; // $dtId, $metadata, $etag
      }
      walk(twinId, prefix + e.getKey() + "/", e.getValue(), time, depth + 1, prefix + e.getKey());
    }
  }

  private void walk(String twinId, String prefix, JsonNode value, Instant time, int depth, String name) {
    if (value.isNumber()) {
      record(twinId, name, time, value.doubleValue());
    } else if (value.isObject()) {
      walk(twinId, prefix, value, time, depth);
    }
  }

  private static String key(String twinId, String name) {
    return twinId + "\u0000" + name;
  }
}
