package io.doppel.sim.stats;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Counts of non-negative values in log-linear buckets, HdrHistogram-style: each power of two is split into
 * {@value #SUB_BUCKETS} equal buckets, found straight from the double's exponent and top mantissa bits, so every
 * bucket is at most 1/{@value #SUB_BUCKETS} of its value wide and a quantile read at its midpoint is within 0.4%.
 * Values from 2^-64 to 2^64 are resolved; smaller ones count as 0, larger ones in the top bucket.
 *
 * <p>The counts of the octaves from the lowest to the highest one seen sit in one flat array, widened when a value
 * falls outside them, so recording is a few shifts, a range check and an increment, with no array of octaves to
 * chase. They are unsigned 32-bit ints, half the memory of longs: a replication records into one histogram per
 * station, and on the hot path the bucket's cache line is the cost. A bucket that passes 2^32 carries into a
 * lazily allocated long per bucket, so no count is ever lost.
 */
public final class LogHistogram {
  private static final int SUB_BITS = 7;
  static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int MIN_EXPONENT = -64;
  private static final int MAX_EXPONENT = 63;

  private static final int OCTAVES = MAX_EXPONENT - MIN_EXPONENT + 1;

  /** Buckets of octaves {@code low} to {@code low + held - 1} (octave 0 is 2^{@value #MIN_EXPONENT}). */
  private int[] counts = new int[0];
  private int low;
  private int held;
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
    int octave = exponent - MIN_EXPONENT;
    int rel = octave - low;
    if (Integer.compareUnsigned(rel, held) >= 0) {
      widen(octave, octave);
      rel = octave - low;
    }
    if (++counts[(rel << SUB_BITS) | sub] == 0) {
      carry(octave, sub, 1);
    }
  }

  /** Makes room for octaves {@code from} to {@code to}, keeping the counts held. */
  private void widen(int from, int to) {
    int newLow = held == 0 ? from : Math.min(low, from);
    int newHigh = held == 0 ? to : Math.max(low + held - 1, to);
    int[] wider = new int[(newHigh - newLow + 1) << SUB_BITS];
    if (held > 0) {
      System.arraycopy(counts, 0, wider, (low - newLow) << SUB_BITS, counts.length);
    }
    counts = wider;
    low = newLow;
    held = newHigh - newLow + 1;
  }

  private void carry(int octave, int sub, long wraps) {
    if (carries == null) {
      carries = new long[OCTAVES][];
    }
    if (carries[octave] == null) {
      carries[octave] = new long[SUB_BUCKETS];
    }
    carries[octave][sub] += wraps;
  }

  /** The count of a bucket of an octave this histogram holds. */
  private long bucket(int octave, int sub) {
    long n = Integer.toUnsignedLong(counts[((octave - low) << SUB_BITS) | sub]);
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
    for (int e = low; e < low + held; e++) {
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
    if (other.held > 0) {
      widen(other.low, other.low + other.held - 1);
    }
    for (int e = other.low; e < other.low + other.held; e++) {
      for (int s = 0; s < SUB_BUCKETS; s++) {
        long mine = bucket(e, s);
        long sum = mine + other.bucket(e, s);
        counts[((e - low) << SUB_BITS) | s] = (int) sum;
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
    Arrays.fill(counts, 0);
    carries = null;
    zeros = 0;
    count = 0;
    sum = 0;
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
  }
}
