package io.doppel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
  /** A clock the test moves. */
  private static final class Manual extends Clock {
    long millis = 1_000_000;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final Manual clock = new Manual();
  private final AuthThrottle throttle = new AuthThrottle(new FailureLimit(3, Duration.ofSeconds(60)), clock);

  @Test
  void theNthFailureInTheWindowThrottlesForOneWindowThenItEnds() {
    assertThat(throttle.failed("10.0.0.1")).isFalse();
    assertThat(throttle.failed("10.0.0.1")).isFalse();
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
    assertThat(throttle.failed("10.0.0.1")).isTrue();
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(60);
    assertThat(throttle.retryAfterSeconds("10.0.0.2")).isZero(); // another address is not concerned
    clock.millis += 59_500;
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(1); // rounded up
    clock.millis += 500;
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    clock.millis += 60_000;
    assertThat(throttle.failed("10.0.0.1")).isFalse();
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
  }

  @Test
  void memoryStaysBoundedWhateverTheNumberOfAddresses() {
    for (int i = 0; i < AuthThrottle.MAX_ADDRESSES * 3; i++) {
      throttle.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    assertThat(throttle.tracked()).isEqualTo(AuthThrottle.MAX_ADDRESSES);
  }

  @Test
  void offNeverThrottles() {
    AuthThrottle off = new AuthThrottle(FailureLimit.OFF, clock);
    for (int i = 0; i < 100; i++) {
      assertThat(off.failed("10.0.0.1")).isFalse();
    }
    assertThat(off.retryAfterSeconds("10.0.0.1")).isZero();
    assertThat(off.tracked()).isZero();
  }
}
