package io.doppel.sim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EstimateTest {
  @Test
  void studentTIntervalOverReplicationMeans() {
    // mean 3, sample sd 1.5811, t(0.975, 4) = 2.776445
    Estimate e = Estimate.of(new double[] {1, 2, 3, 4, 5}, 0.95);
    assertThat(e.mean()).isEqualTo(3);
    assertThat(e.n()).isEqualTo(5);
    assertThat(e.halfWidth()).isCloseTo(2.776445 * Math.sqrt(2.5) / Math.sqrt(5), within(1e-5));
  }

  @Test
  void nanValuesAreLeftOutAndOneValueHasNoInterval() {
    Estimate e = Estimate.of(new double[] {Double.NaN, 4}, 0.95);
    assertThat(e.n()).isEqualTo(1);
    assertThat(e.mean()).isEqualTo(4);
    assertThat(e.halfWidth()).isNaN();
    assertThat(Estimate.of(new double[] {Double.NaN}, 0.95).n()).isZero();
  }
}
