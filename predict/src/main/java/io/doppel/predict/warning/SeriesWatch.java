package io.doppel.predict.warning;

import io.doppel.predict.forecast.Forecast;
import io.doppel.predict.forecast.OnlineForecaster;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One definition on one twin's series: the bucketed series fed into an {@link OnlineForecaster} as buckets complete
 * (the first time the last {@link WarningDefinition#HISTORY_STEPS} of them at once), and the state it gives.
 * Owned by the monitor's thread.
 */
final class SeriesWatch {
  final WarningDefinition definition;
  private OnlineForecaster forecaster;
  /** Exclusive end of the buckets fed so far; Long.MIN_VALUE before the first. */
  private long fedUntil = Long.MIN_VALUE;
  private double lastFed = Double.NaN;
  private @Nullable Instant lastSeen;
  /** When the clock leaves the bucket of the newest value, which is then fed; Long.MAX_VALUE when fed already. */
  private long waitingFor = Long.MAX_VALUE;

  SeriesWatch(WarningDefinition definition) {
    this.definition = definition;
    this.forecaster = newForecaster(definition);
  }

  private static OnlineForecaster newForecaster(WarningDefinition d) {
    int h = d.steps();
    return new OnlineForecaster(d.periods(), h, Math.max(1, Math.min(h, 24)), WarningDefinition.HISTORY_STEPS);
  }

  /**
   * Brings the forecast up to date with what is recorded and says whether the warning is in force; null when it is
   * not (no value yet, or no crossing within the horizon).
   */
  @Nullable ActiveWarning evaluate(String twinId, WarningInputs inputs, Instant now) {
    WarningInputs.Sample last = inputs.latest(twinId, definition.series());
    if (last == null) {
      return null;
    }
    lastSeen = last.time();
    long step = definition.interval().toMillis();
    long lastBucket = Math.floorDiv(last.time().toEpochMilli(), step) * step;
    // the bucket holding the newest value is fed once the clock has left it: until then its average can change
    long until = now.toEpochMilli() >= lastBucket + step ? lastBucket + step : lastBucket;
    waitingFor = until == lastBucket ? lastBucket + step : Long.MAX_VALUE;
    if (fedUntil != Long.MIN_VALUE && (until - fedUntil) / step > WarningDefinition.HISTORY_STEPS) {
      // silent for longer than the history kept: start afresh on the recent part
      forecaster = newForecaster(definition);
      fedUntil = Long.MIN_VALUE;
      lastFed = Double.NaN;
    }
    if (until > fedUntil) {
      long from = fedUntil == Long.MIN_VALUE ? until - step * WarningDefinition.HISTORY_STEPS : fedUntil;
      feed(inputs.buckets(twinId, definition.series(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(until), step),
          from, until, step);
    }
    boolean above = definition.above();
    double threshold = definition.threshold();
    if (above ? last.value() >= threshold : last.value() <= threshold) {
      return state(twinId, last, now, last.time(), last.time(), last.time(), true, "latest value");
    }
    if (forecaster.size() == 0) {
      return null;
    }
    Forecast f = forecaster.forecast();
    WarningCrossing c = WarningCrossing.find(f, threshold, above, definition.level());
    if (c.step() == null) {
      return null;
    }
    long lastSlot = fedUntil - step;
    return state(twinId, last, now, at(lastSlot, c.step(), step), at(lastSlot, c.earliest(), step),
        c.latest() == null ? null : at(lastSlot, c.latest(), step), false, f.model());
  }

  /**
   * Whether evaluating again can change anything: the series has a value newer than the one last evaluated, or the
   * clock has left the bucket of that value (which can now be fed).
   */
  boolean due(String twinId, WarningInputs inputs, Instant now) {
    if (now.toEpochMilli() >= waitingFor) {
      return true;
    }
    WarningInputs.Sample last = inputs.latest(twinId, definition.series());
    return last == null ? lastSeen != null : !last.time().equals(lastSeen);
  }

  private ActiveWarning state(String twinId, WarningInputs.Sample last, Instant now, Instant expected,
      @Nullable Instant earliest, @Nullable Instant latest, boolean crossed, String model) {
    return new ActiveWarning(definition.name(), twinId, definition.series(), definition.threshold(),
        definition.above(), expected, earliest == null ? expected : earliest, latest, definition.level(), crossed,
        now, last.value(), last.time(), model);
  }

  private static Instant at(long lastSlot, @Nullable Integer s, long step) {
    return Instant.ofEpochMilli(lastSlot + (s == null ? 0 : s) * step);
  }

  /** Puts buckets {@code [from, until)} on the grid, empty ones interpolated from their neighbours. */
  private void feed(List<WarningInputs.Sample> buckets, long from, long until, long step) {
    int n = (int) ((until - from) / step);
    double[] grid = new double[n];
    java.util.Arrays.fill(grid, Double.NaN);
    for (WarningInputs.Sample b : buckets) {
      long i = (b.time().toEpochMilli() - from) / step;
      if (i >= 0 && i < n && Double.isFinite(b.value())) {
        grid[(int) i] = b.value();
      }
    }
    int first = 0;
    if (Double.isNaN(lastFed)) {
      while (first < n && Double.isNaN(grid[first])) {
        first++; // nothing recorded before: the series starts at its first bucket
      }
    }
    if (first == n) {
      return; // nothing new to feed: the same buckets are read again with the next value
    }
    double previous = first > 0 || Double.isNaN(lastFed) ? grid[first] : lastFed;
    int gapStart = -1;
    for (int i = first; i < n; i++) {
      if (Double.isNaN(grid[i])) {
        if (gapStart < 0) {
          gapStart = i;
        }
        continue;
      }
      if (gapStart >= 0) {
        for (int k = gapStart; k < i; k++) {
          grid[k] = previous + (grid[i] - previous) * (k - gapStart + 1) / (i - gapStart + 1);
        }
        gapStart = -1;
      }
      previous = grid[i];
    }
    int end = n;
    if (gapStart >= 0) {
      end = gapStart; // a trailing gap waits for the next value to be interpolated towards
    }
    if (end > first) {
      forecaster.appendAll(java.util.Arrays.copyOfRange(grid, first, end));
      lastFed = grid[end - 1];
      fedUntil = from + (long) end * step;
    }
  }
}
