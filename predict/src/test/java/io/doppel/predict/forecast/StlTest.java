package io.doppel.predict.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StlTest {
  @Test
  void componentsAddUpAndTheSeasonIsRecovered() {
    int n = 24 * 30;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 0.1 * t + 5 * Math.sin(2 * Math.PI * t / 24);
    }
    Stl.Decomposition d = Stl.decompose(y, 24, 11);
    for (int t = 0; t < n; t++) {
      assertThat(d.seasonal()[t] + d.trend()[t] + d.remainder()[t]).isCloseTo(y[t], within(1e-9));
    }
    for (int t = 48; t < n - 48; t++) {
      assertThat(d.seasonal()[t]).isCloseTo(5 * Math.sin(2 * Math.PI * t / 24), within(0.2));
      assertThat(d.trend()[t]).isCloseTo(0.1 * t, within(0.2));
    }
  }

  @Test
  void mstlSeparatesDailyAndWeeklyCycles() {
    double[] y = Synthetic.hourly(24 * 7 * 6, 2);
    Mstl.Decomposition d = Mstl.decompose(y, new int[] {168, 24});
    assertThat(d.periods()).containsExactly(24, 168);
    double daily = 0, weekly = 0;
    for (int t = 168; t < y.length - 168; t++) {
      daily = Math.max(daily, Math.abs(d.seasonals()[0][t]));
      weekly = Math.max(weekly, Math.abs(d.seasonals()[1][t]));
    }
    assertThat(daily).isBetween(22.0, 38.0);
    assertThat(weekly).isBetween(10.0, 30.0);
  }

  @Test
  void periodsWithoutTwoCyclesAreLeftOut() {
    assertThat(Mstl.decompose(Synthetic.hourly(300, 1), new int[] {24, 168}).periods()).containsExactly(24);
  }
}
