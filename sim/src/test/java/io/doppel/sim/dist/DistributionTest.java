package io.doppel.sim.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DistributionTest {
  static Stream<Distribution> distributions() {
    return Stream.of(
        Distribution.exponential(2),
        Distribution.deterministic(1.5),
        Distribution.uniform(0.5, 2.5),
        Distribution.logNormal(1, 1.5),
        Distribution.gamma(0.5, 2),
        Distribution.gamma(3.5, 0.4),
        Distribution.erlang(4, 2),
        Distribution.empirical(0.5, 1, 1.5, 4));
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void sampleMomentsMatchTheDeclaredOnes(Distribution d) {
    SplittableRandom random = new SplittableRandom(11);
    int n = 400_000;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double x = d.sample(random);
      assertThat(x).isGreaterThanOrEqualTo(0);
      sum += x;
      squares += x * x;
    }
    double mean = sum / n;
    double variance = squares / n - mean * mean;
    // 5 standard errors of the mean
    double tolerance = 5 * Math.sqrt(d.variance() / n) + 1e-12;
    assertThat(mean).isCloseTo(d.mean(), within(tolerance));
    assertThat(variance).isCloseTo(d.variance(), within(0.05 * d.variance() + 1e-12));
  }

  @Test
  void logNormalIsParameterisedByTheDurationsOwnMeanAndDeviation() {
    Distribution d = Distribution.logNormal(2, 3);
    assertThat(d.mean()).isCloseTo(2, within(1e-12));
    assertThat(d.variance()).isCloseTo(9, within(1e-9));
  }

  @Test
  void badParametersNameTheField() {
    assertThatThrownBy(() -> Distribution.exponential(-1))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details().getFirst().target()).isEqualTo("mean");
        });
    assertThatThrownBy(() -> Distribution.uniform(3, 1)).hasMessageContaining("max");
    assertThatThrownBy(() -> Distribution.empirical()).hasMessageContaining("samples");
    assertThatThrownBy(() -> Distribution.empirical(1, -2)).hasMessageContaining("samples[1]");
    assertThatThrownBy(() -> Distribution.gamma(Double.NaN, 1)).hasMessageContaining("shape");
    assertThatThrownBy(() -> ArrivalProcess.daily(1, 2)).hasMessageContaining("24 hourly rates");
    assertThatThrownBy(() -> ArrivalProcess.profile(10, 0, 0)).hasMessageContaining("rates");
  }
}
