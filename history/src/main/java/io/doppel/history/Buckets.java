package io.doppel.history;

import java.util.List;
import org.jspecify.annotations.Nullable;

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
  private @Nullable String firstText;
  private @Nullable String lastText;

  Buckets(long widthMillis, Aggregation aggregation, List<Point> out) {
    this.width = widthMillis;
    this.aggregation = aggregation;
    this.out = out;
  }

  /** Adds points in ascending time order. */
  void add(long time, double value) {
    add(time, value, null);
  }

  /**
   * Adds a point, a number or a text, in ascending time order. Texts have a first, a last and a count; asking for
   * their average, minimum or maximum is refused naming {@code agg}.
   */
  void add(long time, double value, @Nullable String text) {
    if (text != null && (aggregation == Aggregation.AVG || aggregation == Aggregation.MIN
        || aggregation == Aggregation.MAX)) {
      throw HistoryService.invalid("agg", "the series holds texts (string or enum values): only first, last and "
          + "count aggregate them, not " + aggregation.label());
    }
    long start = Math.floorDiv(time, width) * width;
    if (start != bucket) {
      flush();
      bucket = start;
      count = 0;
      sum = 0;
      min = Double.POSITIVE_INFINITY;
      max = Double.NEGATIVE_INFINITY;
      first = value;
      firstText = text;
    }
    count++;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    last = value;
    lastText = text;
  }

  /** Emits the bucket in progress; call once after the last point. */
  void flush() {
    if (bucket == Long.MIN_VALUE || count == 0) {
      return;
    }
    @Nullable String text = switch (aggregation) {
      case FIRST -> firstText;
      case LAST -> lastText;
      default -> null;
    };
    double value = switch (aggregation) {
      case AVG -> sum / count;
      case MIN -> min;
      case MAX -> max;
      case FIRST -> first;
      case LAST -> last;
      case COUNT -> count;
    };
    out.add(new Point(bucket, value, text));
    count = 0;
  }
}
