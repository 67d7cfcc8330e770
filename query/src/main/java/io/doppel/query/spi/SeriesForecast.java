package io.doppel.query.spi;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A forecast of one series on a regular grid, as the query functions {@code FORECAST} and {@code FORECAST_CROSSES}
 * read it: {@code last} is the value at {@code origin} (the newest bucket of the history it was made from), and
 * element {@code i} of each array the value at {@code origin + (i + 1) * step}, with its 80% interval.
 */
public record SeriesForecast(Instant origin, Duration step, double last, double[] point, double[] lower80,
    double[] upper80) {

  /** Which line of the forecast {@code FORECAST_CROSSES} follows. */
  public enum Line { POINT, UPPER, LOWER }

  public SeriesForecast {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    if (lower80.length != point.length || upper80.length != point.length) {
      throw new IllegalArgumentException("the point forecast and its bounds differ in length");
    }
    point = point.clone();
    lower80 = lower80.clone();
    upper80 = upper80.clone();
  }

  /** The time of the last forecast value: beyond it the forecast says nothing. */
  public Instant end() {
    return origin.plus(step.multipliedBy(point.length));
  }

  /**
   * The point forecast at {@code t}, linear between the grid's values (from {@code last} at the origin); the last
   * value for a time at or before the origin; null past {@link #end()}.
   */
  public @Nullable Double at(Instant t) {
    if (!t.isAfter(origin)) {
      return last;
    }
    if (t.isAfter(end())) {
      return null;
    }
    long stepMillis = step.toMillis();
    long offset = Duration.between(origin, t).toMillis();
    int index = (int) (offset / stepMillis); // the grid point at or before t: 0 is the origin
    double before = index == 0 ? last : point[index - 1];
    if (index == point.length) {
      return before;
    }
    double fraction = (double) (offset - (long) index * stepMillis) / stepMillis;
    return before + (point[index] - before) * fraction;
  }

  /**
   * Whether {@code line} reaches {@code threshold} from the side {@code last} is on, at a grid point no later than
   * {@code until}: true when it does, false when it does not and the forecast reaches {@code until}, null when it
   * does not within a forecast that ends before {@code until} (it cannot say).
   */
  public @Nullable Boolean crosses(double threshold, Line line, Instant until) {
    boolean upward = threshold >= last;
    double[] values = switch (line) {
      case POINT -> point;
      case UPPER -> upper80;
      case LOWER -> lower80;
    };
    for (int i = 0; i < values.length; i++) {
      if (origin.plus(step.multipliedBy(i + 1L)).isAfter(until)) {
        return false;
      }
      if (upward ? values[i] >= threshold : values[i] <= threshold) {
        return true;
      }
    }
    return until.isAfter(end()) ? null : false;
  }
}
