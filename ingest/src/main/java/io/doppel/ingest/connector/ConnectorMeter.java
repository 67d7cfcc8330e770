package io.doppel.ingest.connector;

import io.doppel.ingest.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The counters every connector reports: messages in, a per-second rate over the last minute (sixty one-second
 * buckets, so reading it costs sixty adds and never a scan of messages), dead letters and the last error.
 */
public final class ConnectorMeter {
  private static final int SECONDS = 60;

  private final Clock clock;
  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder deadLetters = new LongAdder();
  private final LongAdder throttles = new LongAdder();
  private final AtomicLongArray counts = new AtomicLongArray(SECONDS);
  private final AtomicLongArray bucketSecond = new AtomicLongArray(SECONDS);
  private volatile @Nullable String lastError;
  private volatile @Nullable Instant lastErrorAt;

  public ConnectorMeter(Clock clock) {
    this.clock = clock;
  }

  /** One message was handed to the ingestor. */
  public void received() {
    messagesIn.increment();
    long second = clock.millis() / 1000;
    int slot = (int) Math.floorMod(second, (long) SECONDS);
    long seen = bucketSecond.get(slot);
    if (seen != second && bucketSecond.compareAndSet(slot, seen, second)) {
      counts.set(slot, 0); // a racing increment may be lost at the turn of a second: this is a rate, not a count
    }
    counts.incrementAndGet(slot);
  }

  /** What became of a message: counts it as a dead letter when it became one. */
  public void outcome(Outcome outcome) {
    if (!outcome.isApplied()) {
      deadLetters.increment();
    }
  }

  /** The connector stopped reading its source because the server's pending writes were at their limit. */
  public void throttled() {
    throttles.increment();
  }

  public void error(String message) {
    lastErrorAt = clock.instant();
    lastError = message;
  }

  public long messagesIn() {
    return messagesIn.sum();
  }

  /** Messages per second over the last sixty seconds. */
  public double ratePerSecond() {
    long now = clock.millis() / 1000;
    long total = 0;
    for (int i = 0; i < SECONDS; i++) {
      long second = bucketSecond.get(i);
      if (second > now - SECONDS && second <= now) {
        total += counts.get(i);
      }
    }
    return total / (double) SECONDS;
  }

  public ConnectorStatus status(String id, String type, boolean fixed, ConnectorState state, @Nullable Long lag) {
    return new ConnectorStatus(id, type, fixed, state, messagesIn.sum(), ratePerSecond(), lag, deadLetters.sum(),
        lastError, lastErrorAt, throttles.sum());
  }
}
