package io.doppel.predict.forecast.m4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.predict.forecast.Baselines;
import io.doppel.predict.forecast.Forecaster;
import io.doppel.predict.forecast.NamedSeries;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * M4 Hourly, all 414 series, h = 48, m = 24, scored as the competition did. The methods were chosen on the holdout
 * (the last 48 points of each training series); the test part is used only for the final figures.
 */
class M4HourlyTest {
  static final int PERIOD = 24;
  static final int HORIZON = 48;
  static final int[] PERIODS = {24, 168};
  static List<NamedSeries> train;
  static List<NamedSeries> test;

  @BeforeAll
  static void read() {
    assertThat(M4Data.present()).as("M4 Hourly data under " + M4Data.DIR.toAbsolutePath()).isTrue();
    train = M4Data.read("Hourly-train.csv");
    test = M4Data.read("Hourly-test.csv");
  }

  @Test
  void readsAll414Series() {
    assertThat(train).hasSize(414);
    assertThat(test).hasSize(414);
    assertThat(train).allSatisfy(s -> assertThat(s.values().length).isIn(700, 960));
  }

  @Test
  void naive2ReproducesThePublishedFigures() {
    M4Score naive2 = M4Evaluation.test(train, test, PERIOD, HORIZON).naive2();
    assertThat(naive2.smape()).isCloseTo(18.383, within(0.0005));
    assertThat(naive2.mase()).isCloseTo(2.395, within(0.0005));
    assertThat(naive2.owa()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void seasonalNaiveReproducesThePublishedOwa() {
    M4Score snaive = M4Evaluation.test(train, test, PERIOD, HORIZON)
        .score((y, h) -> Baselines.seasonalNaive(y, PERIOD, h));
    assertThat(snaive.owa()).isCloseTo(0.627, within(0.0015));
  }

  @Test
  void doppelBeatsNaive2OnTheHoldoutAndOnTheTest() {
    M4Score holdout = M4Evaluation.holdout(train, PERIOD, HORIZON)
        .score((y, h) -> Forecaster.forecast(y, PERIODS, h).mean());
    M4Score score = M4Evaluation.test(train, test, PERIOD, HORIZON)
        .score((y, h) -> Forecaster.forecast(y, PERIODS, h).mean());
    System.getLogger(M4HourlyTest.class.getName()).log(System.Logger.Level.INFO,
        "M4 Hourly: holdout " + holdout + ", test " + score);
    // measured 0.425 on the holdout and 0.424 on the test (target 0.50): guards against regressions, not claims
    assertThat(holdout.owa()).isLessThan(0.44);
    assertThat(score.owa()).isLessThan(1.0);
    assertThat(score.owa()).isLessThan(0.44);
  }
}
