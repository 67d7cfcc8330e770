package io.doppel.bench.sim.cloudsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialCustomersTest {
  private static final int DRAWS = 1_000_000;

  @Test
  void gapsAndDemandsHaveTheRatesMeanAndSpread() {
    ExponentialCustomers customers = new ExponentialCustomers(1.8, 0.5, 3, 0);
    double gaps = 0;
    double gapSquares = 0;
    double demands = 0;
    for (int i = 0; i < DRAWS; i++) {
      double gap = customers.nextGap();
      gaps += gap;
      gapSquares += gap * gap;
      demands += customers.nextDemand();
    }
    // a million exponential draws: the mean's standard error is 0.1% of the mean, so 0.5% is five of them
    double meanGap = gaps / DRAWS;
    assertThat(meanGap).isCloseTo(1 / 1.8, within(0.005 / 1.8));
    assertThat(demands / DRAWS).isCloseTo(1 / 0.5, within(0.005 / 0.5));
    // exponential, not merely the right mean: the variance is the mean squared
    assertThat(gapSquares / DRAWS - meanGap * meanGap).isCloseTo(meanGap * meanGap, within(0.02 * meanGap * meanGap));
  }

  @Test
  void theSameSeedAndReplicationGiveTheSameCustomersAndAnotherReplicationOthers() {
    ExponentialCustomers one = new ExponentialCustomers(0.9, 1, 7, 2);
    ExponentialCustomers again = new ExponentialCustomers(0.9, 1, 7, 2);
    ExponentialCustomers other = new ExponentialCustomers(0.9, 1, 7, 3);
    double first = one.nextGap();
    assertThat(again.nextGap()).isEqualTo(first);
    assertThat(other.nextGap()).isNotEqualTo(first);
    assertThat(one.nextDemand()).isEqualTo(again.nextDemand());
  }

  @Test
  void rejectsRatesThatAreNotPositiveAndFinite() {
    assertThatThrownBy(() -> new ExponentialCustomers(0, 1, 1, 0)).hasMessageContaining("lambda=0.0");
    assertThatThrownBy(() -> new ExponentialCustomers(1, Double.NaN, 1, 0)).hasMessageContaining("mu=NaN");
    assertThatThrownBy(() -> new ExponentialCustomers(Double.POSITIVE_INFINITY, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
