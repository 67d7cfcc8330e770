package io.doppel.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.model.Content;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of an engine's twins: records every property change the engine publishes and the telemetry it is
 * given, and answers range, bucketed and latest reads. Telemetry is acknowledged once durable; property points are
 * written shortly after the engine's own commit (see docs/history.md for what a crash in between loses). Closing it
 * closes its store, not the engine.
 */
public final class HistoryService implements AutoCloseable {
  /** The most raw points one read returns; more come as further pages. */
  public static final int MAX_POINTS = 100_000;
  /** The most buckets one downsampled read may span. */
  public static final int MAX_BUCKETS = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);
  private static final int MAX_QUEUED_VALUES = 1_000_000;

  private final TwinEngine engine;
  private final SeriesStore store;
  private final HistoryOptions options;
  private final SeriesWriter writer;
  private final Thread writerThread;
  private final SeriesReader reader;
  private final AutoCloseable subscription;
  private final ScheduledExecutorService sweeper;
  private final RecentMessages messages = new RecentMessages(100_000);
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(MAX_QUEUED_VALUES);
  private final List<TelemetryListener> telemetryListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The rules in force: those set through {@link #setRetention} (stored), else the options'. */
  private volatile Retention retention;
  private final ChangeHistory changeHistory;

  private HistoryService(TwinEngine engine, SeriesStore store, HistoryOptions options) {
    this.engine = engine;
    this.store = store;
    this.options = options;
    this.writer = new SeriesWriter(store, options.maxChunkPoints(), options.maxChunkSpan().toMillis());
    this.reader = new SeriesReader(store);
    this.retention = RetentionSettings.load(store, options.retention());
    this.changeHistory = new ChangeHistory(engine, store.changes(), version -> Barrier.logged(engine, writer, version),
        options.clock(), caughtUp);
    this.writerThread = Thread.ofPlatform().name("doppel-history-writer").daemon(true).start(writer);
    // Called on the engine's writer thread: only queue the event, the flattening happens on ours.
    this.subscription = engine.subscribe(event -> writer.submit(new SeriesWriter.Event(event)));
    long target = engine.version();
    long recorded = store.recordedVersion();
    boolean seriesBehind = recorded < target;
    if (seriesBehind || store.changes().bounds().isEmpty()) {
      // Subscribed first, so no change falls between the scan and the events.
      CatchUp.start(engine, writer, this::enqueue, target, seriesBehind,
          () -> ChangeCatchUp.run(engine, writer, store, recorded, target, options.clock()), caughtUp);
    } else {
      caughtUp.complete(null);
    }
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
        .name("doppel-history-retention").daemon(true).unstarted(r));
    long every = options.sweepEvery().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Completes once the history holds every change the engine had when the history opened: at once, unless the
   * history was behind (a crash after the engine's commit and before the history's, or a new history) and is
   * recording the twins' current values (see {@link CatchUp}).
   */
  public CompletableFuture<Void> caughtUp() {
    return caughtUp;
  }

  /** Starts recording {@code engine}'s changes into {@code store}, which the service then owns. */
  public static HistoryService open(TwinEngine engine, SeriesStore store, HistoryOptions options) {
    return new HistoryService(engine, store, options);
  }

  /**
   * Validates a telemetry message for twin {@code twinId} (or its component {@code component}) on the calling
   * thread, then queues its values; the future completes once they are durable. Values are stamped with
   * {@code sourceTime}, or the clock when absent. A message repeating a recent {@code messageId} for the same twin
   * is acknowledged as the first one was, without recording its values again.
   */
  public CompletableFuture<Void> recordTelemetry(String twinId, @Nullable String component, ObjectNode message,
      @Nullable Instant sourceTime, @Nullable String messageId) {
    Dtmi model = engine.modelOf(twinId);
    InterfaceModel schema = interfaceOf(model);
    String prefix = "";
    if (component != null) {
      schema = componentInterface(twinId, schema, component);
      prefix = component;
    }
    TelemetryValidator.validate(message, schema, prefix.isEmpty() ? "" : "/" + prefix);
    List<String> names = new ArrayList<>();
    Points values = new Points(message.size());
    Leaves.members(message, prefix.isEmpty() ? "" : Leaves.join("", prefix), (name, value, text) -> {
      names.add(name);
      values.add(0, value, text);
    });
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (messageId != null) {
      CompletableFuture<Void> earlier = messages.putIfAbsent(twinId, messageId, done);
      if (earlier != null) {
        return earlier;
      }
      done.whenComplete((ok, failure) -> {
        if (failure != null) {
          messages.forget(twinId, messageId, done);
        }
      });
    }
    if (names.isEmpty()) {
      done.complete(null);
      return done;
    }
    int n = values.size;
    double[] array = java.util.Arrays.copyOf(values.values, n);
    long[] times = new long[n];
    java.util.Arrays.fill(times, (sourceTime == null ? options.clock().instant() : sourceTime).toEpochMilli());
    String[] texts = values.texts == null ? null : java.util.Arrays.copyOf(values.texts, n);
    SeriesWriter.Telemetry task = new SeriesWriter.Telemetry(twinId, model.toString(), times,
        names.toArray(String[]::new), array, texts, done);
    enqueue(task);
    if (!telemetryListeners.isEmpty()) {
      done.thenRun(() -> telemetryListeners.forEach(l -> l.recorded(twinId, component, message)));
    }
    return done;
  }

  /** Registers a listener told of every telemetry message once durable (a repeated message id only once). */
  public AutoCloseable onTelemetry(TelemetryListener listener) {
    telemetryListeners.add(listener);
    return () -> telemetryListeners.remove(listener);
  }

  /** Queues {@code task}; the caller waits while a million values are queued, rather than the heap filling up. */
  private void enqueue(SeriesWriter.Telemetry task) {
    int permits = Math.min(task.values().length, MAX_QUEUED_VALUES);
    queued.acquireUninterruptibly(permits);
    task.done().whenComplete((ok, failure) -> queued.release(permits));
    if (!writer.submit(task)) {
      task.done().completeExceptionally(new DoppelException(ErrorCode.STORAGE_FAILURE, "the history is closed"));
    }
  }

  /** Raw points of one series in {@code [from, to)}, at most {@code maxPoints} (capped at {@link #MAX_POINTS}). */
  public RawPage range(String twinId, String name, Instant from, Instant to, int maxPoints) {
    SeriesKey key = series(twinId, name, from, to);
    int limit = Math.max(1, Math.min(maxPoints, MAX_POINTS));
    List<Point> points = new ArrayList<>();
    long[] next = {Long.MIN_VALUE};
    reader.scan(key, from.toEpochMilli(), to.toEpochMilli(), (t, v, text) -> {
      if (points.size() == limit) {
        next[0] = t;
        return false;
      }
      points.add(new Point(t, v, text));
      return true;
    });
    return new RawPage(name, points, next[0] == Long.MIN_VALUE ? null : Instant.ofEpochMilli(next[0]));
  }

  /** One point per non-empty {@code bucket}-wide bucket (aligned to the epoch) of one series in {@code [from, to)}. */
  public List<Point> downsample(String twinId, String name, Instant from, Instant to, Duration bucket,
      Aggregation aggregation) {
    long width = bucket.toMillis();
    if (bucket.isNegative() || width < 1) {
      throw invalid("bucket", "must be at least 1 ms, got " + bucket);
    }
    SeriesKey key = series(twinId, name, from, to);
    long span = to.toEpochMilli() - from.toEpochMilli();
    if (span / width > MAX_BUCKETS) {
      throw invalid("bucket", "the range spans " + (span / width) + " buckets of " + bucket + "; at most "
          + MAX_BUCKETS + " are returned: widen the bucket or narrow the range");
    }
    List<Point> out = new ArrayList<>();
    Buckets buckets = new Buckets(width, aggregation, out);
    reader.scan(key, from.toEpochMilli(), to.toEpochMilli(), (t, v, text) -> {
      buckets.add(t, v, text);
      return true;
    });
    buckets.flush();
    return out;
  }

  /** The newest point of each of the twin's series, by name. */
  public Map<String, Point> latest(String twinId) {
    Map<String, String> names = store.series(twinId);
    if (names.isEmpty()) {
      engine.modelOf(twinId); // TWIN_NOT_FOUND for a twin that never had any
    }
    Map<String, Point> out = new LinkedHashMap<>();
    for (String name : names.keySet()) {
      Point point = reader.latest(new SeriesKey(twinId, name));
      if (point != null) {
        out.put(name, point);
      }
    }
    return out;
  }

  /** Drops the chunks retention no longer keeps; the future completes when done (it also runs periodically). */
  public CompletableFuture<Void> enforceRetention() {
    return sweep().thenApply(touched -> null);
  }

  /** {@link #enforceRetention()}, answering how many series lost chunks. */
  public CompletableFuture<Integer> sweep() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] touched = {0};
    Runnable job = () -> {
      long now = options.clock().millis();
      touched[0] = RetentionSweep.run(store, retention, now, writer::forget);
      ChangeRetention.run(store, retention, now);
    };
    if (!writer.submit(new SeriesWriter.Job(job, done))) {
      done.completeExceptionally(new DoppelException(ErrorCode.STORAGE_FAILURE, "the history is closed"));
    }
    return done.thenApply(ok -> touched[0]);
  }

  /** The retention rules in force. */
  public Retention retention() {
    return retention;
  }

  /**
   * Replaces the retention rules, durably (they outlive a restart and take precedence over the start-up options
   * from then on); the next sweep applies them. Completes once stored.
   */
  public CompletableFuture<Void> setRetention(Retention rules) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable job = () -> {
      RetentionSettings.store(store, rules);
      retention = rules;
    };
    if (!writer.submit(new SeriesWriter.Job(job, done))) {
      done.completeExceptionally(new DoppelException(ErrorCode.STORAGE_FAILURE, "the history is closed"));
    }
    return done;
  }

  /** Series, points, bytes and oldest point per model (a scan of every chunk's header; see {@link UsageScan}). */
  public List<ModelUsage> usage() {
    return UsageScan.run(store);
  }

  /**
   * Streams the series {@code names} of a twin (every series it has when empty) in {@code [from, to)} into
   * {@code sink}, one series after another, raw or with a {@code bucket} aggregated by {@code aggregation}. Every
   * argument is checked before the first point is given, so a refusal comes before any output; what is held in
   * memory is a few chunks, however long the range.
   */
  public void export(String twinId, List<String> names, Instant from, Instant to, @Nullable Duration bucket,
      @Nullable Aggregation aggregation, ExportSink sink) throws java.io.IOException {
    List<String> wanted = names;
    if (names.isEmpty()) {
      if (!from.isBefore(to)) {
        throw invalid("to", "must be after from (" + from + "), got " + to);
      }
      wanted = List.copyOf(store.series(twinId).keySet());
      if (wanted.isEmpty()) {
        engine.modelOf(twinId); // TWIN_NOT_FOUND for a twin that never had any
      }
    }
    List<SeriesKey> keys = new ArrayList<>();
    for (String name : wanted) {
      keys.add(series(twinId, name, from, to));
    }
    long width = 0;
    if (bucket != null) {
      width = bucket.toMillis();
      if (bucket.isNegative() || width < 1) {
        throw invalid("bucket", "must be at least 1 ms, got " + bucket);
      }
      long span = to.toEpochMilli() - from.toEpochMilli();
      if (span / width > MAX_BUCKETS) {
        throw invalid("bucket", "the range spans " + (span / width) + " buckets of " + bucket + "; at most "
            + MAX_BUCKETS + " are returned: widen the bucket or narrow the range");
      }
      Aggregation agg = aggregation == null ? Aggregation.AVG : aggregation;
      if (agg == Aggregation.AVG || agg == Aggregation.MIN || agg == Aggregation.MAX) {
        for (SeriesKey key : keys) {
          Point newest = reader.latest(key);
          if (newest != null && newest.isText()) {
            throw invalid("agg", "series '" + key.name() + "' holds texts (string or enum values): only first, "
                + "last and count aggregate them, not " + agg.label());
          }
        }
      }
      aggregation = agg;
    }
    SeriesExport.run(store, keys, from.toEpochMilli(), to.toEpochMilli(), width, aggregation, sink);
  }

  /** The change history of one twin and its outgoing relationships (see {@link ChangeHistory#page}). */
  public ChangePage changes(String twinId, Instant from, Instant to, @Nullable String continuation, int maxItems) {
    return changeHistory.page(twinId, from, to, continuation, maxItems);
  }

  /**
   * The graph as it was at {@code time}: twins, relationships and query answers as of then (see
   * {@link ChangeHistory#snapshotAt}). Close it when done.
   */
  public GraphSnapshot snapshotAt(Instant time) {
    return changeHistory.snapshotAt(time);
  }

  /** Logged engine events with versions in {@code (after, upTo]}, in order, at most {@code max} (replay). */
  public List<TwinEvent> eventsAfter(long after, long upTo, int max) {
    return changeHistory.eventsAfter(after, upTo, max);
  }

  /** Every event after this version is logged: the oldest cursor a replay can start from. */
  public long replayableAfter() {
    return changeHistory.replayableAfter();
  }

  /** Stops recording, writes what is queued, and closes the store. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("could not unsubscribe the history from the engine", e);
    }
    sweeper.shutdownNow();
    writer.stop();
    try {
      writerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  private void sweepQuietly() {
    enforceRetention().exceptionally(e -> {
      LOG.error("retention sweep failed", e);
      return null;
    });
  }

  /** The key of a readable series: the twin exists or has history, and the name is stored or declared. */
  private SeriesKey series(String twinId, String name, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw invalid("to", "must be after from (" + from + "), got " + to);
    }
    if (name.isEmpty()) {
      throw invalid("name", "a property or telemetry name is required");
    }
    Map<String, String> stored = store.series(twinId);
    if (stored.containsKey(name)) {
      return new SeriesKey(twinId, name);
    }
    Dtmi model;
    try {
      model = engine.modelOf(twinId);
    } catch (DoppelException e) {
      if (e.code() == ErrorCode.TWIN_NOT_FOUND && !stored.isEmpty()) {
        throw notFound(twinId, name);
      }
      throw e;
    }
    InterfaceModel schema = interfaceOf(model);
    String top = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
    Content declared = schema.contents().get(top);
    if (declared instanceof Content.Property || declared instanceof Content.Telemetry
        || declared instanceof Content.Component) {
      return new SeriesKey(twinId, name); // declared, just nothing recorded yet
    }
    throw notFound(twinId, name);
  }

  private InterfaceModel interfaceOf(Dtmi model) {
    return engine.catalog().get(model).orElseThrow(() -> new DoppelException(ErrorCode.MODEL_NOT_FOUND,
        "model " + model + " is not loaded"));
  }

  private InterfaceModel componentInterface(String twinId, InterfaceModel model, String component) {
    if (model.contents().get(component) instanceof Content.Component c) {
      return interfaceOf(c.schema());
    }
    throw new DoppelException(ErrorCode.COMPONENT_NOT_FOUND, "twin '" + twinId + "' has no component '"
        + component + "'", List.of(new DoppelException.Detail(ErrorCode.COMPONENT_NOT_FOUND.name(), component,
        "model " + model.id() + " declares no such component")));
  }

  private static DoppelException notFound(String twinId, String name) {
    return new DoppelException(ErrorCode.SERIES_NOT_FOUND, "twin '" + twinId + "' has no history named '" + name
        + "'", List.of(new DoppelException.Detail(ErrorCode.SERIES_NOT_FOUND.name(), "name",
        "neither recorded nor declared by the twin's model")));
  }

  static DoppelException invalid(String target, String message) {
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, target + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), target, message)));
  }
}
