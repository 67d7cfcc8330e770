package io.doppel.stream.routes;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits a random time between half and all of
 * {@code min(max, base * 2^(n-1))}, so that routes failing together do not retry together, yet a retry never comes
 * much sooner than planned. An endpoint's {@code Retry-After} is honoured up to the maximum.
 */
final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  Duration delay(int attempt, @Nullable Duration retryAfter) {
    long cap = max.toMillis();
    int shift = Math.min(Math.max(attempt, 1) - 1, 40);
    long planned = base.toMillis() > (cap >> shift) ? cap : Math.min(cap, base.toMillis() << shift);
    long jittered = planned / 2 + random.nextLong(planned - planned / 2 + 1);
    if (retryAfter != null) {
      jittered = Math.max(jittered, Math.min(cap, retryAfter.toMillis()));
    }
    return Duration.ofMillis(Math.max(1, jittered));
  }
}
