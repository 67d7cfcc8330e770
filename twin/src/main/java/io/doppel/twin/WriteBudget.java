package io.doppel.twin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission budget of writes: how many writes (twin writes through the API, ingested messages) have been taken
 * in and are not durable yet, against a limit. Callers that can refuse (HTTP) {@link #tryAcquire} a place and answer
 * 429 when there is none; callers that have already read the data and can only slow their source down (MQTT, Kafka)
 * {@link #acquire} it anyway and stop reading while the budget is {@link #saturated()}, until it falls to the
 * low-water mark ({@link #onRelief}). Every place is given back with {@link #release} once its write is durable or
 * refused, so the count is exactly the writes between the socket and the durable apply.
 *
 * <p>Saturation has hysteresis: it starts when the pending count reaches the limit and ends only at half of it, so a
 * paused source does not flap between reading one message and pausing again.
 */
public final class WriteBudget {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBudget.class);
  /** A write budget no caller ever reaches: for engines and ingestors built without one (tests, tools). */
  public static final int UNLIMITED = Integer.MAX_VALUE;
  /** Answers at most this many seconds to wait: past it a client would rather see an error than sleep. */
  static final int MAX_RETRY_AFTER_SECONDS = 30;
  private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

  private final int limit;
  private final int lowWater;
  private final LongSupplier nanoTime;
  private final AtomicLong pending = new AtomicLong();
  private final LongAdder shed = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder saturations = new LongAdder();
  private final List<Runnable> reliefListeners = new CopyOnWriteArrayList<>();
  private volatile boolean saturated;
  // The drain rate: releases over the last complete window, updated by whoever asks after a window ended.
  private final Object rateLock = new Object();
  private volatile long windowStart;
  private long windowReleased;
  private volatile double drainPerSecond = -1;

  public WriteBudget(int limit) {
    this(limit, System::nanoTime);
  }

  /** With the time source for the drain rate (monotonic nanoseconds), for tests. */
  public WriteBudget(int limit, LongSupplier nanoTime) {
    if (limit < 1) {
      throw new IllegalArgumentException("the pending write limit must be at least 1, was " + limit);
    }
    this.limit = limit;
    this.lowWater = limit / 2;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  public static WriteBudget unlimited() {
    return new WriteBudget(UNLIMITED);
  }

  public int limit() {
    return limit;
  }

  /** Writes taken in and not yet durable or refused. */
  public long pending() {
    return pending.get();
  }

  /** Writes refused because the budget was full, since start. */
  public long shedCount() {
    return shed.sum();
  }

  /** Times the budget became saturated (sources paused), since start. */
  public long saturationCount() {
    return saturations.sum();
  }

  /** Writes given back (durable or refused), since start. */
  public long releasedCount() {
    return released.sum();
  }

  /** True from reaching the limit until falling to the low-water mark: sources that can pause should. */
  public boolean saturated() {
    return saturated;
  }

  /**
   * Takes {@code n} places if they fit; a request alone (nothing pending) always fits, so that a batch larger than
   * the limit still goes through when the server is idle. On refusal the shed count grows by {@code n}.
   */
  public boolean tryAcquire(int n) {
    return tryAcquire(n, 0);
  }

  /**
   * {@link #tryAcquire(int)} for a caller that holds {@code held} places already (a request admitted before its
   * body told how many messages it carries): alone means nobody else holds any.
   */
  public boolean tryAcquire(int n, long held) {
    checkCount(n);
    while (true) {
      long now = pending.get();
      if (now > held && now + n > limit) {
        shed.add(n);
        return false;
      }
      if (pending.compareAndSet(now, now + n)) {
        afterAcquire(now + n);
        return true;
      }
    }
  }

  /** Takes {@code n} places whether or not they fit: for data already read that a source can only stop sending. */
  public void acquire(int n) {
    checkCount(n);
    afterAcquire(pending.addAndGet(n));
  }

  /** Gives back {@code n} places; at the low-water mark a saturated budget ends saturation and tells its listeners. */
  public void release(int n) {
    checkCount(n);
    long now = pending.addAndGet(-n);
    released.add(n);
    roll();
    if (now < 0) {
      // a bug in a caller's accounting: keep the count usable, say so loudly
      pending.addAndGet(-now);
      LOG.error("write budget released more than it took ({} below zero)", -now);
      now = 0;
    }
    if (saturated && now <= lowWater) {
      relieve();
    }
  }

  /**
   * Registers {@code listener}, run when saturation ends, on the thread whose release ended it (the engine's or the
   * history's writer): it must only hand work over, never wait.
   */
  public AutoCloseable onRelief(Runnable listener) {
    reliefListeners.add(listener);
    return () -> reliefListeners.remove(listener);
  }

  /**
   * How long a refused client should wait before trying again, in whole seconds: the pending writes over the drain
   * rate of the last second, at least 1 and at most {@value #MAX_RETRY_AFTER_SECONDS}. While nothing drains (a
   * stalled disk) that is the maximum.
   */
  public int retryAfterSeconds() {
    double rate = drainRate();
    long waiting = pending.get();
    if (rate < 0) {
      return 1; // not measured yet: no reason to make anyone wait long
    }
    if (rate == 0) {
      return waiting == 0 ? 1 : MAX_RETRY_AFTER_SECONDS;
    }
    double seconds = Math.ceil(waiting / rate);
    return (int) Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
  }

  /**
   * Writes made durable or refused per second, over the last complete second; -1 while unknown (before the first
   * second, or the first second after an idle stretch); 0 when writes wait and none was released for a second.
   */
  public double drainRate() {
    long now = nanoTime.getAsLong();
    synchronized (rateLock) {
      if (now - windowStart >= 2 * RATE_WINDOW_NANOS) {
        // no release rolled the window for over a second: stalled if writes wait, idle if not
        return pending.get() > 0 ? 0 : -1;
      }
    }
    return drainPerSecond;
  }

  /** Called on each release: ends the current window after a second (one clock read, rarely the lock). */
  private void roll() {
    long now = nanoTime.getAsLong();
    if (now - windowStart < RATE_WINDOW_NANOS) {
      return;
    }
    synchronized (rateLock) {
      long elapsed = now - windowStart;
      if (elapsed < RATE_WINDOW_NANOS) {
        return;
      }
      long total = released.sum();
      // after an idle stretch the window would average the idle time in: start measuring afresh instead
      drainPerSecond = elapsed >= 2 * RATE_WINDOW_NANOS ? -1 : (total - windowReleased) * 1e9 / elapsed;
      windowStart = now;
      windowReleased = total;
    }
  }

  private void afterAcquire(long now) {
    if (!saturated && now >= limit) {
      saturated = true;
      saturations.increment();
      if (pending.get() <= lowWater) {
        relieve(); // released meanwhile, before the flag was visible to it
      }
    }
  }

  private void relieve() {
    synchronized (this) {
      if (!saturated || pending.get() > lowWater) {
        return;
      }
      saturated = false;
    }
    for (Runnable listener : reliefListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.error("a write budget relief listener failed", e);
      }
    }
  }

  private static void checkCount(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a write budget counts at least 1 place, was " + n);
    }
  }
}
