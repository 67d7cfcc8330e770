package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void bucketsAreContiguousAndEachValueFallsInTheBucketWhoseBoundsHoldIt() {
    long previousUpper = -1;
    for (int i = 0; i < LatencyHistogram.BUCKETS - 1; i++) {
      long upper = LatencyHistogram.upperBound(i);
      assertThat(LatencyHistogram.index(previousUpper + 1)).isEqualTo(i);
      assertThat(LatencyHistogram.index(upper)).isEqualTo(i);
      previousUpper = upper;
    }
  }

  @Test
  void percentilesAreWithinAnEighthOfTheExactOnes() {
    LatencyHistogram h = new LatencyHistogram();
    long[] values = new Random(7).longs(10_000, 1_000, 50_000_000).sorted().toArray();
    for (long v : values) {
      h.record(v);
    }
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.count()).isEqualTo(values.length);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999, 1.0}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      assertThat(s.percentile(q)).isBetween(exact, exact + exact / 8);
    }
  }

  @Test
  void aSnapshotMinusAnEarlierOneIsWhatWasRecordedBetween() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(5_000_000, 100);
    LatencyHistogram.Snapshot before = h.snapshot();
    h.record(1_000, 3);
    h.record(-4); // a clock that went backwards counts as 0, not as a failure
    LatencyHistogram.Snapshot between = h.snapshot().minus(before);
    assertThat(between.count()).isEqualTo(4);
    assertThat(between.percentile(0.25)).isZero();
    assertThat(between.percentile(1.0)).isBetween(1_000L, 1_125L);
    assertThat(new LatencyHistogram().snapshot().percentile(0.99)).isZero();
  }

  @Test
  void aDurationBeyondTheRangeCountsInTheLastBucket() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(Long.MAX_VALUE);
    assertThat(h.snapshot().percentile(1.0)).isEqualTo(LatencyHistogram.upperBound(LatencyHistogram.BUCKETS - 1));
  }
}
