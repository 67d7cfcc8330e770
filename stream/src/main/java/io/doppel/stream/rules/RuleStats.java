package io.doppel.stream.rules;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** What one rule has done since it was defined or the server started; written by the worker, read by the API. */
final class RuleStats {
  final AtomicLong evaluations = new AtomicLong();
  final AtomicLong writes = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong raised = new AtomicLong();
  final AtomicLong cleared = new AtomicLong();
  private volatile @Nullable String lastError;
  private volatile @Nullable Instant lastErrorAt;

  void error(String message, Instant at) {
    errors.incrementAndGet();
    lastError = message;
    lastErrorAt = at;
  }

  @Nullable String lastError() {
    return lastError;
  }

  @Nullable Instant lastErrorAt() {
    return lastErrorAt;
  }
}
