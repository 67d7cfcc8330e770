package io.doppel.predict.anomaly;

import java.util.Arrays;

/**
 * Yesterday at this time of day: the last value seen in each time-of-day bucket, so a value can be compared with the
 * same moment of the previous day (a daily batch job's spike is then expected, a missing daily peak is not). Buckets
 * are one sampling interval wide, at most 1440 of them; the comparison looks a bucket either side because daily
 * jobs jitter, or up to an hour later to explain a spike by one yesterday (a job that starts earlier each day).
 */
final class DailyProfile {

  private static final long DAY = 86_400;
  private static final int MAX_BUCKETS = 1440;
  private static final int JITTER = 1;

  private double[] value = new double[0];
  private long[] seenAt = new long[0];
  private long bucketSeconds;
  private long lastT = Long.MIN_VALUE;
  private int intervalsSeen;
  private long firstInterval;

  /** Of yesterday's values in the neighbouring buckets, the one closest to {@code x}; NaN while there is none. */
  double closestYesterday(long t, double x) {
    return closest(t, x, JITTER);
  }

  /**
   * Of yesterday's values from this time of day to {@code seconds} later, the one closest to {@code x}; NaN if none.
   * Only later: the buckets before this one already hold today's values.
   */
  double closestYesterdayUpTo(long t, double x, long seconds) {
    return bucketSeconds == 0 ? Double.NaN : closest(t, x, (int) Math.max(JITTER, seconds / bucketSeconds));
  }

  private double closest(long t, double x, int ahead) {
    if (bucketSeconds == 0) {
      return Double.NaN;
    }
    int buckets = value.length;
    int b = (int) (Math.floorMod(t, DAY) / bucketSeconds);
    double best = Double.NaN;
    double closest = Double.NaN;
    for (int j = -JITTER; j <= Math.min(ahead, buckets - 1 - JITTER); j++) {
      int k = Math.floorMod(b + j, buckets);
      long age = t - seenAt[k];
      if (seenAt[k] != Long.MIN_VALUE && age >= DAY / 2 && age <= DAY + DAY / 2) {
        double r = Math.abs(x - value[k]);
        if (!(r >= best)) {
          best = r;
          closest = value[k];
        }
      }
    }
    return closest;
  }

  /** @param t epoch seconds */
  void add(long t, double x) {
    if (bucketSeconds == 0) {
      learnInterval(t);
      return;
    }
    int b = (int) (Math.floorMod(t, DAY) / bucketSeconds);
    value[b] = x;
    seenAt[b] = t;
  }

  /** The sampling interval is taken from the first intervals, once four in a row agree. */
  private void learnInterval(long t) {
    if (lastT != Long.MIN_VALUE) {
      long d = t - lastT;
      if (d > 0 && d == firstInterval) {
        intervalsSeen++;
      } else {
        firstInterval = d;
        intervalsSeen = 1;
      }
      if (intervalsSeen >= 4 && d > 0 && d < DAY) {
        bucketSeconds = Math.max(d, DAY / MAX_BUCKETS);
        int buckets = (int) ((DAY + bucketSeconds - 1) / bucketSeconds);
        value = new double[buckets];
        seenAt = new long[buckets];
        Arrays.fill(seenAt, Long.MIN_VALUE);
      }
    }
    lastT = t;
  }
}
