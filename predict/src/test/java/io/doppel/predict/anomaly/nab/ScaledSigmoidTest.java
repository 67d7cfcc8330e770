package io.doppel.predict.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaledSigmoidTest {

  @Test
  void matchesNabsDocumentedPoints() {
    assertThat(ScaledSigmoid.of(-1.0)).isCloseTo(0.98661, within(1e-5));
    assertThat(ScaledSigmoid.of(-0.5)).isCloseTo(0.84828, within(1e-5));
    assertThat(ScaledSigmoid.of(0.0)).isEqualTo(0.0);
    assertThat(ScaledSigmoid.of(1.0)).isCloseTo(-0.98661, within(1e-5));
    assertThat(ScaledSigmoid.of(2.999)).isGreaterThan(-1.0);
    assertThat(ScaledSigmoid.of(3.0)).isEqualTo(-1.0);
  }

  @Test
  void probationIsFifteenPercentCappedAtSevenHundredFifty() {
    assertThat(SweptFile.probationaryLength(4032)).isEqualTo(604.0);
    assertThat(SweptFile.probationaryLength(22695)).isEqualTo(750.0);
  }
}
