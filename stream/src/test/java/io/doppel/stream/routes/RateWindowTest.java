package io.doppel.stream.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {
  @Test
  void theRateIsTheLastMinutesEventsPerSecondAndOlderOnesAgeOut() {
    MutableClock clock = new MutableClock();
    RateWindow window = new RateWindow();
    for (int s = 0; s < 30; s++) {
      window.add(10, clock.millis());
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(window.perSecond(clock.millis())).isEqualTo(300 / 60.0);
    clock.advance(Duration.ofSeconds(45));
    // the window is the 60 seconds up to and including the current one: seconds 0..15 aged out
    assertThat(window.perSecond(clock.millis())).isEqualTo(140 / 60.0);
    clock.advance(Duration.ofMinutes(5));
    assertThat(window.perSecond(clock.millis())).isZero();
  }
}
