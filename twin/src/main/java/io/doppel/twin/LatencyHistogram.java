package io.doppel.twin;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts durations in log-linear buckets (8 per power of two, so a percentile is within 12.5% of the true value)
 * from 0 to about 9 minutes of nanoseconds; longer ones count in the last bucket. Cheap enough to record every write
 * of the engine's commit path: an index computed from the leading zeros and one atomic add, no allocation. Any
 * thread may record and read; a {@link Snapshot} is a copy, and the difference of two is what happened between.
 */
public final class LatencyHistogram {
  /** Sub-buckets per power of two, as a shift. */
  private static final int SUB_BITS = 3;
  private static final int SUB = 1 << SUB_BITS;
  /** Powers of two covered: 2^39 ns is about 9 minutes. */
  private static final int POWERS = 40;
  static final int BUCKETS = POWERS * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  /** Counts one duration. */
  public void record(long nanos) {
    record(nanos, 1);
  }

  /** Counts {@code times} writes that took the same {@code nanos} (every write of one batch). */
  public void record(long nanos, int times) {
    counts.addAndGet(index(Math.max(0, nanos)), times);
  }

  public Snapshot snapshot() {
    long[] copy = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = counts.get(i);
    }
    return new Snapshot(copy);
  }

  static int index(long nanos) {
    if (nanos < SUB) {
      return (int) nanos;
    }
    int power = 63 - Long.numberOfLeadingZeros(nanos); // >= SUB_BITS
    int sub = (int) (nanos >>> (power - SUB_BITS)) & (SUB - 1);
    return Math.min(BUCKETS - 1, (power - SUB_BITS + 1) * SUB + sub);
  }

  /** The largest duration that counts in bucket {@code index}. */
  static long upperBound(int index) {
    if (index < SUB) {
      return index;
    }
    int power = index / SUB + SUB_BITS - 1;
    long sub = index % SUB;
    return ((SUB + sub + 1) << (power - SUB_BITS)) - 1;
  }

  /** The counts at one moment. */
  public static final class Snapshot {
    private final long[] counts;

    private Snapshot(long[] counts) {
      this.counts = counts;
    }

    /** What was recorded after {@code earlier} was taken (of the same histogram) and up to this one. */
    public Snapshot minus(Snapshot earlier) {
      long[] diff = new long[BUCKETS];
      for (int i = 0; i < BUCKETS; i++) {
        diff[i] = counts[i] - earlier.counts[i];
      }
      return new Snapshot(diff);
    }

    public long count() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /**
     * The duration that a fraction {@code q} (0 to 1) of the recorded ones do not exceed, as its bucket's upper
     * bound; 0 when nothing was recorded.
     */
    public long percentile(double q) {
      long n = count();
      if (n == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(q * n));
      long seen = 0;
      for (int i = 0; i < BUCKETS; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return upperBound(i);
        }
      }
      return upperBound(BUCKETS - 1);
    }
  }
}
