package io.doppel.predict.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeasonalArTest {
  static final int[] HOURLY = {24, 168};

  @Test
  void lagsCoverTheShortCycleAndEitherSideOfEachCycle() {
    int[] lags = SeasonalAr.lags(HOURLY);
    assertThat(lags).startsWith(1, 2, 3).contains(26, 166, 170).doesNotContain(27, 165, 171);
    assertThat(lags).hasSize(26 + 5);
    assertThat(SeasonalAr.lags(new int[] {168})).contains(50, 166).doesNotContain(51);
  }

  @Test
  void recoversAKnownSeasonalAr() {
    // z(t) = 0.5 z(t-1) + 0.4 z(t-24) - 0.2 z(t-25) + noise: the forecast should follow the same recursion
    SplittableRandom r = new SplittableRandom(7);
    int n = 1200;
    double[] y = new double[n + 1];
    for (int t = 0; t <= n; t++) {
      double z = 0.1 * r.nextGaussian();
      if (t >= 25) {
        z += 0.5 * (y[t - 1] - 50) + 0.4 * (y[t - 24] - 50) - 0.2 * (y[t - 25] - 50);
      }
      y[t] = 50 + z;
    }
    double[] history = Arrays.copyOf(y, n);
    Forecast f = SeasonalAr.forecast(history, new int[] {24}, 1, false);
    assertThat(f).isNotNull();
    double expected = 50 + 0.5 * (y[n - 1] - 50) + 0.4 * (y[n - 24] - 50) - 0.2 * (y[n - 25] - 50);
    assertThat(f.mean()[0]).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.03));
    // one step ahead the interval is the innovation's: 95% half-width about 1.96 * 0.1
    assertThat(f.upper95()[0] - f.mean()[0]).isBetween(0.17, 0.23);
    assertThat(f.model()).isEqualTo("AR[24]");
  }

  @Test
  void forecastsBothCyclesOnLogarithms() {
    double[] y = Synthetic.hourly(1048, 2);
    Forecast f = SeasonalAr.forecast(Arrays.copyOf(y, 1000), HOURLY, 48, true);
    assertThat(f).isNotNull();
    assertThat(f.model()).isEqualTo("AR[24,168] on log");
    double mae = 0;
    for (int i = 0; i < 48; i++) {
      mae += Math.abs(f.mean()[i] - y[1000 + i]) / 48;
      assertThat(f.lower95()[i]).isLessThan(f.lower80()[i]);
      assertThat(f.upper80()[i]).isLessThan(f.upper95()[i]);
    }
    assertThat(mae).isLessThan(3);
  }

  @Test
  void aSeriesTooShortForTheLagsIsRefused() {
    double[] y = Synthetic.hourly(250, 3);
    assertThat(SeasonalAr.fits(y.length, HOURLY)).isFalse();
    assertThat(SeasonalAr.forecast(y, HOURLY, 48, true)).isNull();
    assertThat(SeasonalAr.fits(y.length, new int[] {24})).isTrue();
  }

  @Test
  void aRunawayRecursionIsRefused() {
    // exponential growth: the fitted AR has a root above one, and 2,000 steps on it leave any plausible range
    double[] y = new double[400];
    for (int t = 0; t < y.length; t++) {
      y[t] = Math.pow(1.01, t) + 0.01 * Math.sin(t);
    }
    assertThat(SeasonalAr.forecast(y, new int[] {24}, 2000, false)).isNull();
  }
}
