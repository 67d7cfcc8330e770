package io.doppel.predict.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeasonalityAndResamplingTest {
  @Test
  void detectsTheDailyPeriodWithoutCandidates() {
    assertThat(Seasonality.detectPeriod(Synthetic.hourly(500, 5))).isEqualTo(24);
    assertThat(Seasonality.supportedPeriods(Synthetic.hourly(500, 5), new int[] {7, 24, 168})).containsExactly(24, 168);
  }

  @Test
  void m4TestNeedsThreeCycles() {
    double[] y = Synthetic.hourly(71, 1);
    assertThat(Seasonality.isSeasonal(y, 24)).isFalse();
    assertThat(Seasonality.isSeasonal(Synthetic.hourly(200, 1), 24)).isTrue();
  }

  @Test
  void irregularPointsGoOntoTheGridAndGapsAreInterpolated() {
    long[] times = {0, 10, 65, 300, 310};
    double[] values = {1, 3, 4, 10, Double.NaN};
    assertThat(Resampler.medianStep(times)).isEqualTo(55);
    Resampler.Regular grid = Resampler.toGrid(times, values, 60);
    // slots: [0,60) mean 2; [60,120) 4; 120..240 empty; [300,360) 10
    assertThat(grid.values()).containsExactly(2, 4, 5.5, 7, 8.5, 10);
    assertThat(grid.timeOf(5)).isEqualTo(300);
  }

  @Test
  void onlineForecasterMovesWithTheDataBetweenRefits() {
    double[] y = Synthetic.hourly(900, 6);
    OnlineForecaster online = new OnlineForecaster(new int[] {24, 168}, 24, 24, 2000);
    for (int t = 0; t < 880; t++) {
      online.append(y[t]);
    }
    Forecast f = online.forecast();
    assertThat(f.horizon()).isEqualTo(24);
    double mae = 0;
    for (int i = 0; i < 20; i++) {
      mae += Math.abs(f.mean()[i] - y[880 + i]) / 20;
    }
    assertThat(mae).isLessThan(4);
    ForecasterTest.assertIntervalsOrdered(f);
  }
}
