package io.doppel.history;

import java.util.List;

/**
 * Downsampling: points into fixed-width buckets aligned to the epoch (a 1-minute bucket starts on a whole minute
 * UTC, whatever {@code from} is, so pages and sliding windows agree), one aggregated point per non-empty bucket.
 */
final class Buckets {
  private final long width;
  private final Aggregation aggregation;
  private final List<Point> out;
  private long bucket = Long.MIN_VALUE;
  private long count;
  private double sum;
  private double min;
  private double max;
  private double first;
  private double last;

  Buckets(long widthMillis, Aggregation aggregation, List<Point> out) {
    this.width = widthMillis;
    this.aggregation = aggregation;
    this.out = out;
  }

  /** Adds points in ascending time order. */
  void add(long time, double value) {
    long start = Math.floorDiv(time, width) * width;
    if (start != bucket) {
      flush();
      bucket = start;
      count = 0;
      sum = 0;
      min = Double.POSITIVE_INFINITY;
      max = Double.NEGATIVE_INFINITY;
      first = value;
    }
    count++;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    last = value;
  }

  /** Emits the bucket in progress; call once after the last point. */
  void flush() {
    if (bucket == Long.MIN_VALUE || count == 0) {
      return;
    }
    double value = switch (aggregation) {
      case AVG -> sum / count;
      case MIN -> min;
      case MAX -> max;
      case FIRST -> first;
      case LAST -> last;
      case COUNT -> count;
    };
    out.add(new Point(bucket, value));
    count = 0;
  }
}
