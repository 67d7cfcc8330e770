package io.doppel.sim.stats;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Counts of non-negative values in log-linear buckets, HdrHistogram-style: each power of two is split into
 * {@value #SUB_BUCKETS} equal buckets, found straight from the double's exponent and top mantissa bits, so every
 * bucket is at most 1/{@value #SUB_BUCKETS} of its value wide and a quantile read at its midpoint is within 0.4%.
 * An octave's counts are allocated the first time a value falls in it; recording is then a few shifts and an
 * increment. Values from 2^-64 to 2^64 are resolved; smaller ones count as 0, larger ones in the top bucket.
 *
 * <p>Counts are kept as unsigned 32-bit ints, half the memory of longs: a replication records into one histogram per
 * station, and on the hot path the bucket's cache line is the cost. A bucket that passes 2^32 carries into a
 * lazily allocated long per bucket, so no count is ever lost.
 */
public final class LogHistogram {
  private static final int SUB_BITS = 7;
  static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int MIN_EXPONENT = -64;
  private static final int MAX_EXPONENT = 63;

  private final int[][] octaves = new int[MAX_EXPONENT - MIN_EXPONENT + 1][];
  /** Per octave and bucket, how many times 2^32 the bucket has counted beyond its int; null until one wraps. */
  private long @Nullable [][] carries;
  private long zeros;
  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Records one value; negative or NaN values are a caller's bug. */
  public void record(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("histogram values must be >= 0: " + value);
    }
    count++;
    sum += value;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    long bits = Double.doubleToRawLongBits(value);
    int exponent = (int) ((bits >>> 52) & 0x7FF) - 1023;
    if (exponent < MIN_EXPONENT) {
      zeros++;
      return;
    }
    int sub;
    if (exponent > MAX_EXPONENT) {
      exponent = MAX_EXPONENT;
      sub = SUB_BUCKETS - 1;
    } else {
      sub = (int) (bits >>> (52 - SUB_BITS)) & (SUB_BUCKETS - 1);
    }
    int[] octave = octaves[exponent - MIN_EXPONENT];
    if (octave == null) {
      octave = new int[SUB_BUCKETS];
      octaves[exponent - MIN_EXPONENT] = octave;
    }
    if (++octave[sub] == 0) {
      carry(exponent - MIN_EXPONENT, sub, 1);
    }
  }

  private void carry(int octave, int sub, long wraps) {
    if (carries == null) {
      carries = new long[octaves.length][];
    }
    if (carries[octave] == null) {
      carries[octave] = new long[SUB_BUCKETS];
    }
    carries[octave][sub] += wraps;
  }

  private long bucket(int octave, int sub) {
    long n = Integer.toUnsignedLong(octaves[octave][sub]);
    long[][] c = carries;
    return c == null || c[octave] == null ? n : n + (c[octave][sub] << 32);
  }

  public long count() {
    return count;
  }

  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /**
   * The value below which a fraction {@code q} of the recorded values lie (the smallest bucket whose cumulative
   * count reaches {@code ceil(q * count)}, read at its midpoint, clamped to the exact min and max). NaN when empty.
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
    }
    if (count == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    if (rank >= count) {
      return max;
    }
    if (q == 0) {
      return min;
    }
    long seen = zeros;
    if (seen >= rank) {
      return min;
    }
    for (int e = 0; e < octaves.length; e++) {
      if (octaves[e] == null) {
        continue;
      }
      for (int s = 0; s < SUB_BUCKETS; s++) {
        seen += bucket(e, s);
        if (seen >= rank) {
          double base = Math.scalb(1.0, e + MIN_EXPONENT);
          double mid = base * (1 + (s + 0.5) / SUB_BUCKETS);
          return Math.min(max, Math.max(min, mid));
        }
      }
    }
    return max;
  }

  /** Adds another histogram's counts to this one. */
  public void add(LogHistogram other) {
    for (int e = 0; e < octaves.length; e++) {
      if (other.octaves[e] == null) {
        continue;
      }
      if (octaves[e] == null) {
        octaves[e] = new int[SUB_BUCKETS];
      }
      for (int s = 0; s < SUB_BUCKETS; s++) {
        long mine = bucket(e, s);
        long sum = mine + other.bucket(e, s);
        octaves[e][s] = (int) sum;
        long wraps = (sum >>> 32) - (mine >>> 32);
        if (wraps != 0) {
          carry(e, s, wraps);
        }
      }
    }
    zeros += other.zeros;
    count += other.count;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  public void reset() {
    for (int[] octave : octaves) {
      if (octave != null) {
        Arrays.fill(octave, 0);
      }
    }
    carries = null;
    zeros = 0;
    count = 0;
    sum = 0;
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
  }
}
