package io.doppel.history;

import java.time.Clock;
import java.time.Duration;

/**
 * How the history runs.
 *
 * @param retention how long points are kept; its default maximum age also bounds the change log (see
 *     {@code ChangeRetention})
 * @param sweepEvery how often retention drops old chunks
 * @param maxChunkPoints points after which a series' newest chunk is sealed and a new one begins
 * @param maxChunkSpan time after a chunk's first point after which a new chunk begins, so that retention, which
 *     drops whole chunks, keeps at most this much beyond a series' maximum age (plus one sweep interval)
 * @param clock the time telemetry without a source time is stamped with, and that ages count from
 */
public record HistoryOptions(
    Retention retention, Duration sweepEvery, int maxChunkPoints, Duration maxChunkSpan, Clock clock) {

  public HistoryOptions {
    if (maxChunkPoints < 2) {
      throw new IllegalArgumentException("a chunk holds at least 2 points, was " + maxChunkPoints);
    }
    if (maxChunkSpan.toMillis() < 1 || sweepEvery.toMillis() < 1) {
      throw new IllegalArgumentException("chunk span and sweep interval must be at least 1 ms");
    }
  }

  /** Keep everything; sweep hourly; chunks of at most 1024 points or one hour; the system clock. */
  public static HistoryOptions defaults() {
    return new HistoryOptions(Retention.forever(), Duration.ofHours(1), 1024, Duration.ofHours(1), Clock.systemUTC());
  }

  public HistoryOptions withRetention(Retention rules) {
    return new HistoryOptions(rules, sweepEvery, maxChunkPoints, maxChunkSpan, clock);
  }

  public HistoryOptions withClock(Clock newClock) {
    return new HistoryOptions(retention, sweepEvery, maxChunkPoints, maxChunkSpan, newClock);
  }

  public HistoryOptions withChunks(int points, Duration span) {
    return new HistoryOptions(retention, sweepEvery, points, span, clock);
  }
}
