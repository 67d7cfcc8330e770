package io.doppel.predict.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ForecasterTest {
  static final int[] HOURLY = {24, 168};

  @Test
  void findsBothCyclesAndForecastsThem() {
    double[] y = Synthetic.hourly(1048, 1);
    double[] history = Arrays.copyOf(y, 1000);
    Forecast f = Forecaster.forecast(history, HOURLY, 48);
    assertThat(f.reason()).contains("periods [24, 168]");
    double mae = 0;
    for (int i = 0; i < 48; i++) {
      mae += Math.abs(f.mean()[i] - y[1000 + i]) / 48;
    }
    // the noise alone is uniform on +-1.5 (mean absolute 0.75); a model missing either cycle is off by 10 or more
    assertThat(mae).isLessThan(3);
    assertIntervalsOrdered(f);
  }

  @Test
  void intervalsCoverAboutWhatTheySay() {
    int inside80 = 0, inside95 = 0, total = 0;
    for (long seed = 1; seed <= 10; seed++) {
      double[] y = Synthetic.hourly(748, seed);
      Forecast f = Forecaster.forecast(Arrays.copyOf(y, 700), HOURLY, 48);
      for (int i = 0; i < 48; i++) {
        double v = y[700 + i];
        inside80 += v >= f.lower80()[i] && v <= f.upper80()[i] ? 1 : 0;
        inside95 += v >= f.lower95()[i] && v <= f.upper95()[i] ? 1 : 0;
        total++;
      }
    }
    assertThat(inside80 / (double) total).isBetween(0.6, 1.0);
    assertThat(inside95 / (double) total).isBetween(0.8, 1.0).isGreaterThanOrEqualTo(inside80 / (double) total);
  }

  @Test
  void aSeriesWithoutCyclesGetsANonSeasonalModel() {
    double[] y = new double[300];
    for (int t = 0; t < y.length; t++) {
      y[t] = 10 + 0.5 * t + Math.sin(t * 1.7);
    }
    // a trend correlates every lag, so M4's test may call it seasonal; validation still has to get it right
    Forecast f = Forecaster.forecast(y, HOURLY, 10);
    assertThat(f.mean()[9]).isBetween(150.0, 170.0);
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    double[] noise = new double[300];
    for (int t = 0; t < noise.length; t++) {
      noise[t] = 5 + r.nextDouble();
    }
    Forecast flat = Forecaster.forecast(noise, HOURLY, 10);
    assertThat(flat.reason()).contains("no seasonal period");
    assertThat(flat.mean()[9]).isBetween(5.2, 5.8);
  }

  @Test
  void constantSeriesGetsNaiveWithTheReason() {
    double[] y = new double[500];
    Arrays.fill(y, 7.5);
    Forecast f = Forecaster.forecast(y, HOURLY, 12);
    assertThat(f.model()).isEqualTo("naive");
    assertThat(f.reason()).contains("constant");
    assertThat(f.mean()).containsOnly(7.5);
  }

  @Test
  void tooShortEmptyAndAllNaNSeriesNeverGiveNaN() {
    Forecast shortOne = Forecaster.forecast(new double[] {1, 2}, HOURLY, 5);
    assertThat(shortOne.reason()).contains("too short");
    assertThat(shortOne.mean()).containsOnly(2.0);
    Forecast empty = Forecaster.forecast(new double[0], HOURLY, 5);
    assertThat(empty.reason()).contains("no finite values");
    Forecast nan = Forecaster.forecast(new double[] {Double.NaN, Double.NaN}, HOURLY, 5);
    assertThat(nan.mean()).containsOnly(0.0);
  }

  @Test
  void gapsAreInterpolatedAndSaidSo() {
    double[] y = Synthetic.hourly(800, 3);
    for (int t = 100; t < 800; t += 17) {
      y[t] = Double.NaN;
    }
    y[0] = Double.NaN;
    y[799] = Double.POSITIVE_INFINITY;
    Forecast f = Forecaster.forecast(y, HOURLY, 24);
    assertThat(f.reason()).contains("missing values interpolated");
    assertFinite(f);
  }

  @Test
  void negativeAndZeroValuesWork() {
    double[] y = Synthetic.hourly(600, 4);
    for (int t = 0; t < y.length; t++) {
      y[t] -= 200;
    }
    Forecast f = Forecaster.forecast(y, HOURLY, 48);
    assertFinite(f);
    assertThat(f.model()).doesNotContain("log");
  }

  @Test
  void aHorizonBelowOneIsRefused() {
    assertThatThrownBy(() -> Forecaster.forecast(new double[] {1, 2, 3}, HOURLY, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
  }

  static void assertFinite(Forecast f) {
    for (double[] part : new double[][] {f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95()}) {
      assertThat(Arrays.stream(part).allMatch(Double::isFinite)).isTrue();
    }
  }

  static void assertIntervalsOrdered(Forecast f) {
    for (int i = 0; i < f.horizon(); i++) {
      assertThat(f.lower95()[i]).isLessThanOrEqualTo(f.lower80()[i]);
      assertThat(f.lower80()[i]).isLessThanOrEqualTo(f.mean()[i]);
      assertThat(f.mean()[i]).isLessThanOrEqualTo(f.upper80()[i]);
      assertThat(f.upper80()[i]).isLessThanOrEqualTo(f.upper95()[i]);
    }
  }
}
