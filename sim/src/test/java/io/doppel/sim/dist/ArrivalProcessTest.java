package io.doppel.sim.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalProcessTest {
  /** Arrivals per slot of a profile follow the slot's rate (Poisson counts: within 5 standard deviations). */
  @Test
  void aProfilesArrivalsFollowItsRates() {
    double[] rates = {2, 0, 5, 1};
    ArrivalProcess p = ArrivalProcess.profile(4, rates);
    SplittableRandom random = new SplittableRandom(5);
    long[] counts = new long[4];
    int periods = 20_000;
    double t = 0;
    while (true) {
      t = p.next(t, random);
      if (t >= 4 * periods) {
        break;
      }
      counts[(int) (t % 4)]++;
    }
    for (int i = 0; i < 4; i++) {
      double expected = rates[i] * periods;
      assertThat((double) counts[i]).as("slot %d", i).isCloseTo(expected, within(5 * Math.sqrt(expected) + 1e-9));
    }
    assertThat(p.meanRate()).isEqualTo(2);
  }

  @Test
  void aSpikeRaisesTheRateOnlyDuringIt() {
    ArrivalProcess p = ArrivalProcess.spike(1, 20, 1_000, 500);
    SplittableRandom random = new SplittableRandom(9);
    long before = 0;
    long during = 0;
    long after = 0;
    double t = 0;
    while ((t = p.next(t, random)) < 3_000) {
      if (t < 1_000) {
        before++;
      } else if (t < 1_500) {
        during++;
      } else {
        after++;
      }
    }
    assertThat((double) before).isCloseTo(1_000, within(5 * Math.sqrt(1_000)));
    assertThat((double) during).isCloseTo(10_000, within(5 * Math.sqrt(10_000)));
    assertThat((double) after).isCloseTo(1_500, within(5 * Math.sqrt(1_500)));
  }

  @Test
  void constantArrivalsAreEvenlySpaced() {
    ArrivalProcess p = ArrivalProcess.constant(0.25);
    assertThat(p.next(1, new SplittableRandom(1))).isEqualTo(1.25);
    assertThat(p.meanRate()).isEqualTo(4);
  }
}
