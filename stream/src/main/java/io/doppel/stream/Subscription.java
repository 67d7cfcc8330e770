package io.doppel.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber reading the ring from its own position: replay and live delivery are the same loop, so a
 * reconnecting client gets the missed events and then the new ones, in order, with no hand-over to get wrong.
 * {@link #run()} blocks its (virtual) thread for the subscription's life; nothing is buffered per subscriber beyond
 * the sink's bounded transport buffer, since events stay in the shared ring until read.
 */
public final class Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final int BATCH = 256;

  private final EventStream stream;
  private final EventRing ring;
  private final EventFilter filter;
  private final EventSink sink;
  private final int maxLag;
  private final long heartbeatNanos;
  private final long startAfter;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long position;
  private volatile long cursor;
  private volatile boolean waiting;
  private volatile @Nullable Thread thread;
  private volatile @Nullable CloseReason reason;
  private volatile long abortAt = Long.MAX_VALUE;
  private boolean aborted;
  /** Reads the durable backlog for what the ring no longer holds: at the start, or after falling out of it. */
  private @Nullable BacklogReplay replay;
  private boolean replayAtStart;

  Subscription(EventStream stream, EventRing ring, EventFilter filter, EventSink sink, long position, long cursor,
      int maxLag, long heartbeatNanos) {
    this.stream = stream;
    this.ring = ring;
    this.filter = filter;
    this.sink = sink;
    this.position = position;
    this.cursor = cursor;
    this.startAfter = cursor;
    this.maxLag = maxLag;
    this.heartbeatNanos = heartbeatNanos;
  }

  /**
   * Delivers events until the subscription ends, then returns why. Call it once, on a thread that may block (the
   * request's own thread for SSE, a fresh virtual thread for a WebSocket).
   */
  public CloseReason run() {
    thread = Thread.currentThread();
    List<StreamEvent> batch = new ArrayList<>(BATCH);
    long[] appended = new long[BATCH];
    StreamStages stages = stream.stages();
    long lastWrite = System.nanoTime();
    boolean unflushed = false;
    try {
      if (replayAtStart) {
        unflushed |= catchUpFromBacklog();
      }
      while (true) {
        CloseReason ending = reason;
        if (ending != null) {
          if (ending.kind() != CloseReason.Kind.CLIENT_CLOSED) {
            sink.close(ending);
          }
          return ending;
        }
        batch.clear();
        int n = ring.read(position, BATCH, batch, appended);
        if (n < 0 && replay != null && replay.serves(cursor)) {
          unflushed |= catchUpFromBacklog(); // evicted before it was read: the backlog still has it
          continue;
        }
        if (n < 0) {
          end(new CloseReason(CloseReason.Kind.SUBSCRIBER_TOO_SLOW, "fell out of the retained events after "
              + cursor));
          continue;
        }
        if (n == 0) {
          if (unflushed) {
            long flushing = System.nanoTime();
            sink.flush();
            unflushed = false;
            lastWrite = System.nanoTime();
            stages.flushing().record(lastWrite - flushing);
            continue;
          }
          long idle = System.nanoTime() - lastWrite;
          if (idle >= heartbeatNanos) {
            sink.heartbeat();
            lastWrite = System.nanoTime();
            continue;
          }
          waiting = true;
          // Re-check after announcing the wait: the dispatcher unparks waiting subscribers after each append.
          if (ring.end() <= position && reason == null) {
            LockSupport.parkNanos(this, heartbeatNanos - idle);
          }
          waiting = false;
          continue;
        }
        for (int i = 0; i < n; i++) {
          StreamEvent e = batch.get(i);
          if (reason != null) {
            break; // ended while a send blocked: say why now rather than after the rest of the batch
          }
          // Events the subscriber already has can still be on their way into the ring when it subscribes.
          // the subscriber's view only for events it may want; a view may show ids as pseudonyms: checked again
          StreamEvent seen = e.version() > startAfter && filter.matchesBesidesWhere(e) ? sink.view(e) : null;
          if (seen != null && filter.matchesView(seen)) {
            sink.send(seen);
            stages.toTransport().record(System.nanoTime() - appended[i]);
            unflushed = true;
          }
          cursor = e.version();
          position++;
        }
      }
    } catch (IOException e) {
      // The client went away (or the connection was aborted): nothing more can be told to it.
      LOG.debug("subscriber gone at cursor {}", cursor, e);
      return gone(e);
    } catch (RuntimeException e) {
      LOG.warn("subscription failed at cursor {}; dropping the connection", cursor, e);
      sink.abort();
      return gone(e);
    } finally {
      stream.remove(this);
      done.countDown();
    }
  }

  private CloseReason gone(Exception e) {
    CloseReason why = reason;
    if (why == null) {
      why = new CloseReason(CloseReason.Kind.CLIENT_CLOSED, String.valueOf(e));
      reason = why;
    }
    return why;
  }

  /** Serves what the ring lacks from {@code backlog}: first of all when {@code atStart} (an old cursor). */
  void backlog(BacklogReplay backlog, boolean atStart) {
    this.replay = backlog;
    this.replayAtStart = atStart;
  }

  private boolean catchUpFromBacklog() throws IOException {
    BacklogReplay.Handover handover = java.util.Objects.requireNonNull(replay).run(cursor, filter, sink,
        () -> reason != null);
    cursor = handover.cursor();
    position = handover.position();
    return true;
  }

  /** The version of the last event this subscription has passed (delivered or filtered out). */
  public long cursor() {
    return cursor;
  }

  /** The client left or replaced this subscription: stop without telling it anything. */
  public void cancel() {
    end(new CloseReason(CloseReason.Kind.CLIENT_CLOSED, "closed by the client"));
  }

  /** Waits for {@link #run()} to return; false on timeout. */
  public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  boolean ended() {
    return done.getCount() == 0;
  }

  /** Sets the reason once (the first wins) and wakes the loop; a stuck send is aborted after the grace period. */
  void end(CloseReason why) {
    synchronized (this) {
      if (reason != null) {
        return;
      }
      abortAt = System.nanoTime() + stream.closeGraceNanos(); // before the reason: readers check the reason first
      reason = why;
    }
    stream.ended(why);
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Called by the dispatcher after each append: wake an idle loop, drop one that fell too far behind. */
  void afterAppend(long end) {
    if (reason == null && end - position > maxLag) {
      end(new CloseReason(CloseReason.Kind.SUBSCRIBER_TOO_SLOW, "more than " + maxLag + " events behind"));
    }
    Thread t = thread;
    if (waiting && t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Called by the dispatcher now and then: a client that has not taken its close in time is dropped. */
  void abortIfStuck(long now) {
    if (reason != null && now - abortAt > 0) {
      abort();
    }
  }

  /** Drops the connection unless the loop already ended (or this was done before). */
  synchronized void abort() {
    if (!aborted && !ended()) {
      aborted = true;
      sink.abort();
    }
  }
}
