package io.doppel.stream;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's change stream: one batch listener on the engine's writer thread that only queues each durable
 * batch's events, one dispatcher thread that encodes them once as CloudEvents into the {@link EventRing} and wakes
 * subscribers, and one {@link Subscription} per client reading the ring at its own pace. The writer never waits on a
 * subscriber: if even the dispatcher falls {@code handoffCapacity} events behind, events are dropped and every
 * subscriber that would miss them is disconnected ({@code STREAM_OVERLOADED}) rather than served a gap.
 *
 * <p>Handing over a batch rather than each event wakes the dispatcher once per commit: with one wake-up per event
 * the writer and the dispatcher took the queue's lock in turns for every event, which on two cores put the writer
 * (and so every write's acknowledgement) behind the dispatcher.
 */
public final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int DRAIN = 1024;
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final TwinEngine engine;
  private final StreamOptions options;
  /** Batches handed over by the engine and not yet in the ring; {@link #pending} counts their events. */
  private final LinkedBlockingQueue<Handoff> handoff = new LinkedBlockingQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final int handoffCapacity;
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
    this.handoffCapacity = options.handoffCapacity();
    this.listener = engine.subscribeBatches(this::handOff);
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

  /** A durable batch's events (in version order) and when the engine handed them over. */
  private record Handoff(List<TwinEvent> events, long at) {}

  /** On the engine's writer thread, once per durable batch: queue and return, whatever happens downstream. */
  private void handOff(List<TwinEvent> events) {
    if (pending.addAndGet(events.size()) > handoffCapacity) {
      pending.addAndGet(-events.size());
      lost.addAndGet(events.size());
      lostUpTo.accumulateAndGet(events.get(events.size() - 1).version(), Math::max);
      return;
    }
    handoff.add(new Handoff(events, System.nanoTime()));
  }

  private void dispatch() {
    List<Handoff> batch = new ArrayList<>();
    long nextCheck = System.nanoTime() + CHECK_NANOS;
    while (!closed || !handoff.isEmpty()) {
      try {
        Handoff first = handoff.poll(CHECK_NANOS, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          for (int events = first.events().size(); events < DRAIN; ) {
            Handoff next = handoff.poll();
            if (next == null) {
              break;
            }
            batch.add(next);
            events += next.events().size();
          }
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
        LOG.error("stream dispatcher failed on {} batches of events", batch.size(), e);
        if (!batch.isEmpty()) {
          List<TwinEvent> last = batch.get(batch.size() - 1).events();
          overloaded(last.get(last.size() - 1).version());
        }
        for (Handoff h : batch) {
          pending.addAndGet(-h.events().size());
        }
        batch.clear();
      }
    }
  }

  private void publish(List<Handoff> batch) {
    long lostVersion = lostUpTo.get();
    if (lostVersion > ring.floor()) {
      overloaded(lostVersion);
    }
    var catalog = engine.catalog();
    List<StreamEvent> encoded = new ArrayList<>();
    for (Handoff h : batch) {
      for (TwinEvent e : h.events()) {
        encoded.add(encoder.encode(e, catalog));
      }
    }
    // Encoded outside the ring's lock: subscribers keep reading meanwhile.
    ring.appendAll(encoded);
    long appended = System.nanoTime();
    for (Handoff h : batch) {
      pending.addAndGet(-h.events().size());
      stages.toRing().record(appended - h.at(), h.events().size());
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
