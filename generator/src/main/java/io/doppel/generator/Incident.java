package io.doppel.generator;

import java.time.Duration;
import java.time.Instant;

/**
 * Something going wrong for a while, injected so that alerts, anomalies and history have something to show:
 * {@code kind} is the domain's name for it (e.g. {@code latency-spike}, {@code machine-fault}).
 */
public record Incident(String kind, String twinId, Instant start, Duration duration, String description) {
  public Instant end() {
    return start.plus(duration);
  }

  public boolean activeAt(Instant t) {
    return !t.isBefore(start) && t.isBefore(end());
  }

  /** 0 at the start, 1 at the end. */
  double progress(Instant t) {
    return Signals.clamp((double) Duration.between(start, t).toMillis() / duration.toMillis(), 0, 1);
  }
}
