package io.doppel.history;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One point of a series: a time (epoch milliseconds) and a value, a number or a text (a string or enum value; then
 * {@code value} is NaN); a bucket's point carries the bucket's start.
 */
public record Point(long time, double value, @Nullable String text) {
  public Point(long time, double value) {
    this(time, value, null);
  }

  public static Point ofText(long time, String text) {
    return new Point(time, Double.NaN, text);
  }

  public boolean isText() {
    return text != null;
  }

  public Instant instant() {
    return Instant.ofEpochMilli(time);
  }
}
