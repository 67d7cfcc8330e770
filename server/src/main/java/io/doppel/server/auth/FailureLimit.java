package io.doppel.server.auth;

import java.time.Duration;

/**
 * How many failed authentications one remote address may make before it is throttled.
 *
 * @param maxFailures failures within {@code window} after which the address is refused (0: never throttled)
 * @param window how far back failures count, and how long a throttled address then waits
 */
public record FailureLimit(int maxFailures, Duration window) {
  /** 10 failures a minute: far more than a person mistyping a key, far fewer than a guessing script needs. */
  public static final FailureLimit DEFAULT = new FailureLimit(10, Duration.ofMinutes(1));
  public static final FailureLimit OFF = new FailureLimit(0, Duration.ofMinutes(1));

  public FailureLimit {
    if (maxFailures < 0) {
      throw new IllegalArgumentException("the number of failures must be 0 (off) or more, was " + maxFailures);
    }
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("the window must be more than 0 and at most a day, was " + window);
    }
  }

  boolean off() {
    return maxFailures == 0;
  }
}
