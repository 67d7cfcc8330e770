package io.doppel.predict.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PatternNoveltyTest {

  /** Eight values low, eight high, over and over. */
  private static double squareWave(int i) {
    return (i / 8) % 2 == 0 ? 0 : 10;
  }

  @Test
  void aShapeNeverSeenOnASeriesThatRepeatsItselfIsSurprising() {
    PatternNovelty p = new PatternNovelty();
    double late = 0;
    for (int i = 0; i < 5000; i++) {
      double s = p.add(squareWave(i));
      late = i >= 1000 ? Math.max(late, s) : late;
    }
    assertThat(late).as("known windows once learned").isZero();
    // a high value inside a low stretch: every value within the usual range, the shape new
    double surprise = 0;
    for (double v : new double[] {0, 0, 10, 0, 0, 0, 0, 0}) {
      surprise = Math.max(surprise, p.add(v));
    }
    assertThat(surprise).as("-log10 of a new-window rate below 1 in 100").isGreaterThan(2);
  }

  @Test
  void noiseIsNotAPattern() {
    PatternNovelty p = new PatternNovelty();
    Random r = new Random(5);
    double sum = 0;
    double most = 0;
    for (int i = 0; i < 20_000; i++) {
      double s = p.add(r.nextGaussian());
      if (i >= 2000) {
        sum += s;
        most = Math.max(most, s);
      }
    }
    // rare values keep making new windows, but a series with thousands of shapes does not repeat itself
    assertThat(most).isLessThan(1.5);
    assertThat(sum / 18_000).isLessThan(0.05);
  }
}
