package io.doppel.server.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed authentications per remote address and throttles an address that made {@link FailureLimit#maxFailures}
 * of them within the window: for one window from the last of them, its requests (and MQTT CONNECTs) are refused
 * before any credential is checked, so that guessing keys or tokens from one address is slow. Successes do not
 * clear the count (a valid key in between would otherwise reset a guessing run). Memory is bounded: at most
 * {@link #MAX_ADDRESSES} addresses are tracked, the least recently seen forgotten first. Thread-safe.
 */
final class AuthThrottle {
  /** About 100 bytes each: a few MB at most, whatever the number of addresses failing. */
  static final int MAX_ADDRESSES = 10_000;

  private final FailureLimit limit;
  private final Clock clock;
  private final Map<String, Failures> byAddress = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  private static final class Failures {
    long windowStart;
    int count;
    long blockedUntil;
  }

  AuthThrottle(FailureLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Seconds the address must still wait (rounded up), 0 when it is not throttled. */
  synchronized long retryAfterSeconds(String address) {
    if (limit.off()) {
      return 0;
    }
    Failures f = byAddress.get(address);
    long now = clock.millis();
    return f == null || f.blockedUntil <= now ? 0 : (f.blockedUntil - now + 999) / 1000;
  }

  /** Counts a failure; true when it is the one that throttles the address. */
  synchronized boolean failed(String address) {
    if (limit.off()) {
      return false;
    }
    long now = clock.millis();
    long window = limit.window().toMillis();
    Failures f = byAddress.computeIfAbsent(address, a -> new Failures());
    if (now - f.windowStart >= window) {
      f.windowStart = now;
      f.count = 0;
    }
    f.count++;
    if (f.count >= limit.maxFailures()) {
      boolean starts = f.blockedUntil <= now;
      f.blockedUntil = now + window;
      f.windowStart = now;
      f.count = 0;
      return starts;
    }
    return false;
  }

  /** Addresses tracked now (for tests: the bound holds). */
  synchronized int tracked() {
    return byAddress.size();
  }
}
