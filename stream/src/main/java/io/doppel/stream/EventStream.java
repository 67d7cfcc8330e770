package io.doppel.stream;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's change stream: one listener on the engine's writer thread that only queues each event, one
 * dispatcher thread that encodes it once as a CloudEvent into the {@link EventRing} and wakes subscribers, and one
 * {@link Subscription} per client reading the ring at its own pace. The writer never waits on a subscriber: if even
 * the dispatcher falls {@code handoffCapacity} events behind, events are dropped and every subscriber that would
 * miss them is disconnected ({@code STREAM_OVERLOADED}) rather than served a gap.
 */
public final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int DRAIN = 1024;
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final TwinEngine engine;
  private final StreamOptions options;
  private final ArrayBlockingQueue<Handed> handoff;
  private final StreamStages stages = new StreamStages();
  private final EventRing ring;
  private final CloudEvents encoder = new CloudEvents();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicLong lostUpTo = new AtomicLong(-1);
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong tooSlow = new AtomicLong();
  private final @Nullable EventBacklog backlog;
  private final AutoCloseable listener;
  private final Thread dispatcher;
  private volatile boolean closed;

  private EventStream(TwinEngine engine, StreamOptions options, @Nullable EventBacklog backlog) {
    this.engine = engine;
    this.options = options;
    this.backlog = backlog;
    this.handoff = new ArrayBlockingQueue<>(options.handoffCapacity());
    this.listener = engine.subscribe(this::handOff);
    // Read after subscribing: every event above this version reaches the listener, so the ring's promise holds.
    this.ring = new EventRing(options.retainedEvents(), options.retainedBytes(), engine.version());
    this.dispatcher = Thread.ofPlatform().name("doppel-stream").daemon(true).start(this::dispatch);
  }

  /** Starts streaming {@code engine}'s events; events committed before this call are not retained. */
  public static EventStream start(TwinEngine engine, StreamOptions options) {
    return new EventStream(engine, options, null);
  }

  /** {@link #start(TwinEngine, StreamOptions)} that serves cursors older than the ring from {@code backlog}. */
  public static EventStream start(TwinEngine engine, StreamOptions options, EventBacklog backlog) {
    return new EventStream(engine, options, backlog);
  }

  /**
   * Opens a subscription; run it with {@link Subscription#run()}.
   *
   * @throws DoppelException {@code CURSOR_EXPIRED} when events after the cursor are no longer retained,
   *     {@code INVALID_ARGUMENT} when the cursor is ahead of the engine (a cursor from another server, or from
   *     before an in-memory server restarted)
   */
  public Subscription open(SubscriptionRequest request, EventSink sink) {
    Long cursor = request.cursor();
    long start = cursor == null ? engine.version() : checked(cursor);
    long position = ring.positionAfter(Math.max(start, ring.floor()));
    int maxLag = Math.min(request.maxLag() == null ? options.maxLag() : request.maxLag(), options.maxLag());
    Subscription s = new Subscription(this, ring, request.filter(), sink, position, start, maxLag,
        options.heartbeat().toNanos());
    if (backlog != null) {
      s.backlog(new BacklogReplay(backlog, ring, engine::catalog), start < ring.floor());
    }
    subscriptions.add(s);
    if (closed) {
      s.end(new CloseReason(CloseReason.Kind.SERVER_SHUTTING_DOWN, "the server is stopping"));
    }
    return s;
  }

  /** Throws what {@link #open} would for this request's cursor, without subscribing (checks before an upgrade). */
  public void check(SubscriptionRequest request) {
    Long cursor = request.cursor();
    if (cursor != null && checked(cursor) >= ring.floor()) {
      ring.positionAfter(cursor);
    }
  }

  private long checked(long cursor) {
    long latest = engine.version();
    if (cursor > latest) {
      throw SubscriptionRequest.invalid(SubscriptionRequest.CURSOR, "event " + cursor
          + " is ahead of this server's latest version " + latest);
    }
    if (cursor < ring.floor() && (backlog == null || cursor < backlog.replayableAfter())) {
      throw ring.expired(cursor);
    }
    return cursor;
  }

  /** What the stream holds and has done, for metrics and tests. */
  public StreamStats stats() {
    return new StreamStats(subscriptions.size(), ring.size(), ring.bytes(), ring.floor(), ring.newestVersion(),
        lost.get(), tooSlow.get());
  }

  /** Ends every subscription (telling clients why), then stops the dispatcher; the engine stays open. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (Exception e) {
      LOG.warn("could not unsubscribe from the engine", e);
    }
    for (Subscription s : subscriptions) {
      s.end(new CloseReason(CloseReason.Kind.SERVER_SHUTTING_DOWN, "the server is stopping"));
    }
    long deadline = System.nanoTime() + closeGraceNanos();
    try {
      for (Subscription s : subscriptions) {
        if (!s.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          s.abort();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatcher.interrupt();
    try {
      dispatcher.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long closeGraceNanos() {
    return options.closeGrace().toNanos();
  }

  void remove(Subscription s) {
    subscriptions.remove(s);
  }

  void ended(CloseReason why) {
    if (why.kind() == CloseReason.Kind.SUBSCRIBER_TOO_SLOW) {
      tooSlow.incrementAndGet();
    }
  }

  /** Where events' time went from the engine to the subscribers' transports. */
  public StreamStages stages() {
    return stages;
  }

  /** An event and when the engine handed it over ({@link System#nanoTime()}), for {@link StreamStages#toRing}. */
  private record Handed(TwinEvent event, long at) {}

  /**
   * On the engine's writer thread: queue and return, whatever happens downstream. Per event rather than per durable
   * batch: the dispatcher encodes the first events of a batch while the writer still tells the other listeners of
   * the rest (handing over whole batches was measured slower end to end on two busy cores).
   */
  private void handOff(TwinEvent event) {
    if (!handoff.offer(new Handed(event, System.nanoTime()))) {
      lost.incrementAndGet();
      lostUpTo.accumulateAndGet(event.version(), Math::max);
    }
  }

  private void dispatch() {
    List<Handed> batch = new ArrayList<>(DRAIN);
    long nextCheck = System.nanoTime() + CHECK_NANOS;
    while (!closed || !handoff.isEmpty()) {
      try {
        Handed first = handoff.poll(CHECK_NANOS, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          handoff.drainTo(batch, DRAIN - 1);
          publish(batch);
          batch.clear();
        }
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
          subscriptions.forEach(s -> s.abortIfStuck(now));
          nextCheck = now + CHECK_NANOS;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A bug in encoding one batch must not end the stream for everyone; subscribers see the gap as a drop.
        LOG.error("stream dispatcher failed on a batch of {} events", batch.size(), e);
        if (!batch.isEmpty()) {
          overloaded(batch.get(batch.size() - 1).event().version());
        }
        batch.clear();
      }
    }
  }

  private void publish(List<Handed> batch) {
    long lostVersion = lostUpTo.get();
    if (lostVersion > ring.floor()) {
      overloaded(lostVersion);
    }
    var catalog = engine.catalog();
    for (Handed h : batch) {
      // One at a time: a subscriber already reading takes each event as soon as it is in the ring.
      ring.append(encoder.encode(h.event(), catalog));
      stages.toRing().record(System.nanoTime() - h.at());
    }
    long end = ring.end();
    for (Subscription s : subscriptions) {
      s.afterAppend(end);
    }
  }

  private void overloaded(long version) {
    for (Subscription s : subscriptions) {
      if (s.cursor() < version) {
        s.end(new CloseReason(CloseReason.Kind.STREAM_OVERLOADED, "events up to " + version
            + " were lost before reaching the stream; resubscribe without a cursor"));
      }
    }
    ring.raiseFloor(version);
    LOG.warn("change stream lost events up to version {}; subscribers behind it were disconnected", version);
  }
}
