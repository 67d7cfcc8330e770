package io.doppel.predict.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EtsTest {
  @Test
  void recoversTheSmoothingParameterOfASimulatedLocalLevel() {
    SplittableRandom r = new SplittableRandom(7);
    double[] y = new double[2000];
    double level = 100;
    for (int t = 0; t < y.length; t++) {
      double e = gaussian(r);
      y[t] = level + e;
      level += 0.3 * e;
    }
    EtsModel fit = Ets.fit(y, 1, new EtsSpec(EtsSpec.Component.ADDITIVE, EtsSpec.Trend.NONE, EtsSpec.Component.NONE));
    assertThat(fit).isNotNull();
    assertThat(fit.alpha).isBetween(0.22, 0.38);
    assertThat(fit.sigma2).isBetween(0.85, 1.15);
  }

  @Test
  void aicSelectsASeasonalModelForSeasonalDataAndANonSeasonalOneOtherwise() {
    double[] seasonal = new double[24 * 20];
    double[] plain = new double[24 * 20];
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < seasonal.length; t++) {
      plain[t] = 50 + gaussian(r);
      seasonal[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + gaussian(r);
    }
    assertThat(Ets.auto(seasonal, 24, Ets.candidates(seasonal, 24, true)).spec().seasonal()).isTrue();
    EtsModel flat = Ets.auto(plain, 24, Ets.candidates(plain, 24, true));
    assertThat(flat.spec().seasonal()).isFalse();
    assertThat(flat.spec().trend()).isEqualTo(EtsSpec.Trend.NONE);
  }

  @Test
  void multiplicativeModelsAreOnlyOfferedForPositiveData() {
    assertThat(Ets.candidates(new double[] {1, -1, 2, 3, 4, 5}, 1, false))
        .noneMatch(s -> s.error() == EtsSpec.Component.MULTIPLICATIVE);
    assertThat(Ets.candidates(new double[100], 24, true)).hasSize(6);
    double[] positive = new double[100];
    java.util.Arrays.fill(positive, 1);
    // R's restricted set: 6 additive-error, 9 multiplicative-error models with season
    assertThat(Ets.candidates(positive, 24, true)).hasSize(15);
  }

  @Test
  void updateMovesTheStateLikeAFitOnTheLongerSeries() {
    double[] y = Synthetic.hourly(500, 9);
    EtsSpec spec = new EtsSpec(EtsSpec.Component.ADDITIVE, EtsSpec.Trend.DAMPED, EtsSpec.Component.ADDITIVE);
    EtsModel fit = Ets.fit(java.util.Arrays.copyOf(y, 499), 24, spec);
    double before = fit.pointForecast(1)[0];
    fit.update(y[499] + 50);
    assertThat(fit.pointForecast(1)[0]).isNotEqualTo(before);
    assertThat(fit.phase).isEqualTo(500 % 24);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(r.nextDouble() + 1e-300)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
