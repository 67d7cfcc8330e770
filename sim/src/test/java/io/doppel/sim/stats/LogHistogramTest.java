package io.doppel.sim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogHistogramTest {
  @Test
  void quantilesAreWithinHalfAPercentOfTheExactOnes() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 200_000;
    double[] values = new double[n];
    LogHistogram histogram = new LogHistogram();
    for (int i = 0; i < n; i++) {
      values[i] = Math.exp(random.nextGaussian() * 2);
      histogram.record(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999}) {
      double exact = values[(int) Math.ceil(q * n) - 1];
      assertThat(histogram.quantile(q)).as("q=%s", q).isCloseTo(exact, within(exact * 0.005));
    }
    assertThat(histogram.quantile(1)).isEqualTo(values[n - 1]);
    assertThat(histogram.quantile(0)).isEqualTo(values[0]);
    assertThat(histogram.mean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-9));
  }

  @Test
  void zerosAndMergingAndReset() {
    LogHistogram a = new LogHistogram();
    LogHistogram b = new LogHistogram();
    assertThat(a.quantile(0.5)).isNaN();
    for (int i = 0; i < 60; i++) {
      a.record(0);
    }
    for (int i = 0; i < 40; i++) {
      b.record(10);
    }
    a.add(b);
    assertThat(a.count()).isEqualTo(100);
    assertThat(a.quantile(0.5)).isZero();
    assertThat(a.quantile(0.7)).isCloseTo(10, within(0.05));
    a.reset();
    assertThat(a.count()).isZero();
    assertThat(a.quantile(0.5)).isNaN();
  }
}
