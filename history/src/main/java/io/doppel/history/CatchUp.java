package io.doppel.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Page;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the gap between the engine's commit and the history's: property points are written after the engine's
 * change is durable, so a crash in between loses them. When the history has recorded fewer versions than the engine
 * holds (after such a crash, or when the history is new), every twin's current values are recorded at their
 * {@code $metadata} {@code lastUpdateTime}s. The latest value of every property comes back that way; the values a
 * property had in between, in the lost window, do not.
 */
final class CatchUp {
  private static final int PAGE = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  private CatchUp() {}

  /**
   * Records every twin's current values ({@code series}: the points may be behind, not only the change log) and
   * closes the change log's gap ({@code changeLog}, see {@link ChangeCatchUp}) on a virtual thread, and then marks
   * {@code target} recorded; versions are not marked while it runs, so a crash during catch-up repeats it.
   * Completes {@code done} at the end.
   */
  static void start(TwinEngine engine, SeriesWriter writer, Consumer<SeriesWriter.Telemetry> enqueue, long target,
      boolean series, Runnable changeLog, CompletableFuture<Void> done) {
    LOG.info("history is behind the engine (version {}): recording the twins' current values", target);
    writer.submit(new SeriesWriter.Job(() -> writer.catchingUp(true, 0), new CompletableFuture<>()));
    Thread.ofVirtual().name("doppel-history-catch-up").start(() -> {
      try {
        if (series) {
          run(engine, enqueue).join();
        }
        changeLog.run(); // before the mark: a crash before it repeats both
        CompletableFuture<Void> marked = new CompletableFuture<>();
        if (!writer.submit(new SeriesWriter.Job(() -> writer.catchingUp(false, target), marked))) {
          throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the history closed during catch-up");
        }
        marked.join();
        done.complete(null);
      } catch (RuntimeException e) {
        LOG.error("history catch-up failed; it is repeated when the history next opens", e);
        done.completeExceptionally(e);
      }
    });
  }

  /**
   * Queues the current values of every twin through {@code enqueue} (which waits while the writer is busy); the
   * result completes once all are written, or fails with the first refusal.
   */
  static CompletableFuture<Void> run(TwinEngine engine, Consumer<SeriesWriter.Telemetry> enqueue) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    String token = null;
    do {
      Page<TwinView> page = engine.listTwins(token, PAGE);
      for (TwinView twin : page.items()) {
        SeriesWriter.Telemetry task = state(twin.id(), twin.json());
        if (task != null) {
          task.done().whenComplete((ok, e) -> failure.compareAndSet(null, e));
          enqueue.accept(task);
          last = task.done();
        }
      }
      token = page.continuation();
    } while (token != null);
    // The writer acknowledges in queue order: once the last is done, every earlier one is too.
    return last.handle((ok, e) -> {
      Throwable first = failure.get() != null ? failure.get() : e;
      if (first != null) {
        throw first instanceof RuntimeException r ? r : new IllegalStateException(first);
      }
      return null;
    });
  }

  /** A twin's recordable leaves, each at its property's last update time. */
  static SeriesWriter.@org.jspecify.annotations.Nullable Telemetry state(String id, ObjectNode twin) {
    String model = twin.path("$metadata").path("$model").asText();
    List<String> names = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    collect(twin, "", names, times, values, texts, true);
    if (names.isEmpty() || model.isEmpty()) {
      return null;
    }
    long[] t = new long[names.size()];
    double[] v = new double[names.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = times.get(i);
      v[i] = values.get(i);
    }
    return new SeriesWriter.Telemetry(id, model, t, names.toArray(String[]::new), v,
        texts.toArray(String[]::new), new CompletableFuture<>());
  }

  private static void collect(JsonNode object, String prefix, List<String> names, List<Long> times,
      List<Double> values, List<String> texts, boolean root) {
    JsonNode metadata = object.path("$metadata");
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String key = member.getKey();
      if (key.startsWith("$")) {
        continue;
      }
      JsonNode value = member.getValue();
      if (root && value.isObject() && value.has("$metadata")) {
        collect(value, Leaves.join(prefix, key), names, times, values, texts, false); // a component
        continue;
      }
      Long time = time(metadata.path(key).path("lastUpdateTime"));
      if (time != null) {
        Leaves.value(value, Leaves.join(prefix, key), (name, v, text) -> {
          names.add(name);
          times.add(time);
          values.add(v);
          texts.add(text);
        });
      }
    }
  }

  private static @org.jspecify.annotations.Nullable Long time(JsonNode text) {
    if (!text.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(text.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null; // not a time Doppel wrote: nothing to place the value at
    }
  }
}
