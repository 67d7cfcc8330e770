package io.doppel.stream.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10),
      RandomGenerator.of("L64X128MixRandom"));

  @Test
  void eachRetryWaitsBetweenHalfAndAllOfADoublingDelayUpToTheMaximum() {
    for (int attempt = 1; attempt <= 12; attempt++) {
      long planned = Math.min(10_000, 100L << (attempt - 1));
      for (int i = 0; i < 200; i++) {
        long ms = backoff.delay(attempt, null).toMillis();
        assertThat(ms).as("attempt %d", attempt).isBetween(planned / 2, planned);
      }
    }
  }

  @Test
  void jitterSpreadsRetries() {
    long distinct = java.util.stream.IntStream.range(0, 100)
        .mapToLong(i -> backoff.delay(5, null).toMillis()).distinct().count();
    assertThat(distinct).isGreaterThan(20);
  }

  @Test
  void aHugeAttemptCountStaysAtTheMaximumWithoutOverflow() {
    assertThat(backoff.delay(1_000_000, null).toMillis()).isBetween(5_000L, 10_000L);
  }

  @Test
  void retryAfterIsHonouredUpToTheMaximum() {
    assertThat(backoff.delay(1, Duration.ofSeconds(3)).toMillis()).isEqualTo(3_000);
    assertThat(backoff.delay(1, Duration.ofMinutes(5)).toMillis()).isEqualTo(10_000);
  }
}
