package io.doppel.history;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history's single writer. Callers queue work; this thread drains everything queued, routes each point to its
 * chunk and writes the whole drain as one synced batch (group commit: one fsync for every writer waiting), then
 * completes their futures. A series' chunks never overlap in time: the head takes every point at or after its start
 * until it is full (then it is sealed: re-encoded as one segment, in the same batch); a point older than the head
 * goes to the chunk whose start is the greatest at or before it, so each instant lives in exactly one chunk.
 */
final class SeriesWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesWriter.class);
  private static final int MAX_TASKS_PER_BATCH = 8192;
  /** Text a chunk takes before it is sealed early, so that long strings do not make multi-megabyte chunks. */
  static final long MAX_CHUNK_BYTES = 256 * 1024;

  /** Work for the writer. */
  sealed interface Task {}

  /**
   * Values of one twin, already flattened and validated: a telemetry message, or a twin's state on catch-up. Where
   * {@code texts} has a text at an index, that value is the text (string or enum), else the number in {@code values}.
   */
  record Telemetry(String twinId, String model, long[] times, String[] names, double[] values,
      String @Nullable [] texts, CompletableFuture<Void> done) implements Task {
    /** Numbers only. */
    Telemetry(String twinId, String model, long[] times, String[] names, double[] values,
        CompletableFuture<Void> done) {
      this(twinId, model, times, names, values, null, done);
    }
  }

  record Event(TwinEvent event) implements Task {}

  /** Runs {@code job} on the writer thread between batches (retention). */
  record Job(Runnable job, CompletableFuture<Void> done) implements Task {}

  private record Stop() implements Task {}

  /** What the writer knows of a series' newest chunk; a few fields, however many points the chunk holds. */
  private static final class Head {
    final long start;
    int count;
    long maxTime;
    /** About how many bytes of text the chunk holds (numbers do not count: 1,024 of them stay small). */
    long bytes;
    @Nullable String model;

    Head(long start, int count, long maxTime) {
      this.start = start;
      this.count = count;
      this.maxTime = maxTime;
    }
  }

  private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final SeriesStore store;
  private final int maxChunkPoints;
  private final long maxChunkSpanMillis;
  private final Map<SeriesKey, Head> heads = new HashMap<>();
  private volatile boolean stopped;
  /** The newest engine version whose event this writer has seen; writer thread only. */
  private long lastEvent;
  /** While the state of the twins is being caught up, versions are not marked recorded (writer thread only). */
  private boolean catchingUp;

  SeriesWriter(SeriesStore store, int maxChunkPoints, long maxChunkSpanMillis) {
    this.store = store;
    this.maxChunkPoints = maxChunkPoints;
    this.maxChunkSpanMillis = maxChunkSpanMillis;
  }

  /** Queues {@code task}; false once the writer is stopping (the caller then refuses the work). */
  boolean submit(Task task) {
    if (stopped) {
      return false;
    }
    queue.add(task);
    return true;
  }

  /** Stops taking work; what is queued is still written. */
  void stop() {
    stopped = true;
    queue.add(new Stop());
  }

  /** Starts (true) or ends a catch-up; writer thread only. Ending it marks {@code version} recorded. */
  void catchingUp(boolean on, long version) {
    catchingUp = on;
    if (!on) {
      lastEvent = Math.max(lastEvent, version);
      store.write(List.of(new SeriesWrite.Recorded(lastEvent)));
    }
  }

  /** Forgets the head of {@code series} (its chunks were dropped); called on the writer thread. */
  void forget(SeriesKey series) {
    heads.remove(series);
  }

  @Override
  public void run() {
    List<Task> drained = new ArrayList<>();
    boolean running = true;
    while (running) {
      try {
        Task first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        drained.add(first);
        queue.drainTo(drained, MAX_TASKS_PER_BATCH - 1);
        running = process(drained);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } catch (RuntimeException e) {
        // A bug in routing must not kill the writer silently: refuse this batch and carry on.
        LOG.error("history writer failed on a batch", e);
        fail(drained, e);
      }
      drained.clear();
    }
    List<Task> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new DoppelException(ErrorCode.STORAGE_FAILURE, "the history is closed"));
  }

  /** The points a drain holds for one series, and the model its twin had. */
  private static final class Pending {
    final Points points = new Points(8);
    String model;

    Pending(String model) {
      this.model = model;
    }
  }

  private boolean process(List<Task> tasks) {
    Map<SeriesKey, Pending> pending = new HashMap<>();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    List<SeriesWrite> logged = new ArrayList<>();
    boolean running = true;
    boolean events = false;
    for (Task task : tasks) {
      switch (task) {
        case Telemetry t -> {
          for (int i = 0; i < t.names().length; i++) {
            Pending p = pending.computeIfAbsent(new SeriesKey(t.twinId(), t.names()[i]), k -> new Pending(t.model()));
            p.points.add(t.times()[i], t.values()[i], t.texts() == null ? null : t.texts()[i]);
            p.model = t.model();
          }
          acks.add(t.done());
        }
        case Event e -> {
          lastEvent = Math.max(lastEvent, e.event().version());
          events = true;
          logged.add(new SeriesWrite.Log(ChangeRecords.of(e.event())));
          Recorder.record(e.event(), (twin, model, name, time, value, text) -> {
            Pending p = pending.computeIfAbsent(new SeriesKey(twin, name), k -> new Pending(model.toString()));
            p.points.add(time, value, text);
            p.model = model.toString();
          });
        }
        case Job j -> jobs.add(j);
        case Stop s -> running = false;
      }
    }
    boolean markVersion = events && !catchingUp;
    if (!pending.isEmpty() || markVersion || !logged.isEmpty()) {
      List<SeriesWrite> writes = new ArrayList<>();
      try {
        pending.forEach((key, p) -> route(key, p.model, p.points, writes));
        writes.addAll(logged); // the change log commits with the points, under the same recorded version
        if (markVersion) {
          // In the same atomic batch as the points: recorded up to here means nothing before it is missing.
          writes.add(new SeriesWrite.Recorded(lastEvent));
        }
        store.write(writes);
      } catch (RuntimeException e) {
        // The heads may now describe chunks that were not written: read them back from the store next time.
        heads.keySet().removeAll(pending.keySet());
        DoppelException failure = e instanceof DoppelException d ? d
            : new DoppelException(ErrorCode.STORAGE_FAILURE, "the history could not be written: " + e);
        acks.forEach(a -> a.completeExceptionally(failure));
        acks.clear();
        LOG.error("history batch of {} series not written", pending.size(), e);
      }
    }
    acks.forEach(a -> a.complete(null));
    for (Job job : jobs) {
      try {
        job.job().run();
        job.done().complete(null);
      } catch (RuntimeException e) {
        job.done().completeExceptionally(e);
      }
    }
    return running;
  }

  /** Adds the writes that put {@code points} (of one series, any order) into their chunks. */
  private void route(SeriesKey key, String model, Points points, List<SeriesWrite> writes) {
    points.sortKeepingLast();
    // One lookup in the map of every series (the put below only when the head changed): at a point per write, the
    // lookups into this large map were the largest share of the writer's time.
    Head known = heads.get(key);
    Head head = known != null ? known : loadHead(key);
    if (head == null || !model.equals(head.model)) {
      writes.add(new SeriesWrite.Register(key, model));
    }
    TreeMap<Long, Points> segments = new TreeMap<>();
    Set<Long> sealed = new HashSet<>();
    for (int i = 0; i < points.size; i++) {
      long t = points.times[i];
      double v = points.values[i];
      String text = points.text(i);
      if (head == null || (t >= head.start && t > head.maxTime
          && (head.count >= maxChunkPoints || t - head.start >= maxChunkSpanMillis
              || head.bytes >= MAX_CHUNK_BYTES))) {
        if (head != null) {
          sealed.add(head.start);
        }
        head = new Head(t, 0, t);
      }
      if (t >= head.start) {
        segments.computeIfAbsent(head.start, s -> new Points(8)).add(t, v, text);
        head.count++;
        head.maxTime = Math.max(head.maxTime, t);
        if (text != null) {
          head.bytes += text.length(); // long texts seal a chunk early, so that none grows without bound
        }
      } else {
        segments.computeIfAbsent(lateChunk(key, t, segments), s -> new Points(4)).add(t, v, text);
      }
    }
    head.model = model;
    if (head != known) {
      heads.put(key, head);
    }
    for (Map.Entry<Long, Points> segment : segments.entrySet()) {
      long start = segment.getKey();
      Points add = segment.getValue();
      byte[] bytes = ChunkCodec.encode(start, add, 0, add.size);
      if (sealed.contains(start)) {
        writes.add(new SeriesWrite.Replace(key, start, seal(key, start, bytes)));
      } else {
        writes.add(new SeriesWrite.Append(key, start, bytes));
      }
    }
  }

  /** The start of the chunk a point older than the head belongs to: its floor, stored or new in this batch. */
  private long lateChunk(SeriesKey key, long time, TreeMap<Long, Points> segments) {
    Long pending = segments.floorKey(time);
    Optional<StoredChunk> stored = store.floor(key, time);
    long floor = Math.max(pending == null ? Long.MIN_VALUE : pending,
        stored.map(StoredChunk::start).orElse(Long.MIN_VALUE));
    return floor == Long.MIN_VALUE ? time : floor;
  }

  /** The sealed form of a chunk: what is stored plus this batch's segment, re-encoded as one segment. */
  private byte[] seal(SeriesKey key, long start, byte[] appended) {
    byte[] stored = store.floor(key, start).filter(c -> c.start() == start).map(StoredChunk::data)
        .orElse(new byte[0]);
    if (stored.length == 0) {
      return appended; // a chunk born and filled in this batch is one segment already
    }
    byte[] all = new byte[stored.length + appended.length];
    System.arraycopy(stored, 0, all, 0, stored.length);
    System.arraycopy(appended, 0, all, stored.length, appended.length);
    Points points = ChunkCodec.decode(start, all);
    return ChunkCodec.encode(start, points, 0, points.size);
  }

  private @Nullable Head loadHead(SeriesKey key) {
    Optional<StoredChunk> last = store.last(key);
    if (last.isEmpty()) {
      return null;
    }
    Points points = ChunkCodec.decode(last.get().start(), last.get().data());
    Head head = new Head(last.get().start(), points.size, points.size == 0 ? last.get().start() : points.last());
    head.bytes = points.hasTexts() ? last.get().data().length : 0;
    return head;
  }

  private static void fail(List<Task> tasks, Exception cause) {
    DoppelException failure = cause instanceof DoppelException d ? d
        : new DoppelException(ErrorCode.STORAGE_FAILURE, "the history could not be written: " + cause);
    for (Task task : tasks) {
      switch (task) {
        case Telemetry t -> t.done().completeExceptionally(failure);
        case Job j -> j.done().completeExceptionally(failure);
        case Event e -> LOG.warn("history lost the points of engine version {}", e.event().version());
        case Stop s -> { }
      }
    }
  }
}
