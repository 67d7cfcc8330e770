package io.doppel.server;

import io.doppel.predict.forecast.Forecast;
import io.doppel.predict.forecast.Forecaster;
import io.doppel.predict.forecast.Resampler;
import io.doppel.predict.warning.WarningInputs;
import io.doppel.predict.warning.WarningInputs.Sample;
import io.doppel.query.spi.SeriesForecast;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The forecasts the query functions {@code FORECAST} and {@code FORECAST_CROSSES} read: made by the forecaster of
 * {@code GET /digitaltwins/{id}/forecast} over the twin's recorded series, and kept, so that a query over many twins
 * fits a model per series only when the series has new points, and then at most once per {@link #REFRESH}.
 *
 * <p>The history is bucketed to a step of about 1/{@value #STEPS_PER_DURATION} of the query's duration, rounded up
 * to a step that divides a day (so a daily cycle can be found), and {@value #FORECAST_STEPS} steps are forecast:
 * the duration and a third more, for a series that has been silent for a while. Durations that round to the same
 * step share the forecast. At most {@value #MAX_ENTRIES} forecasts are kept, the least recently read dropped.
 */
final class QueryForecasts {
  static final int STEPS_PER_DURATION = 48;
  static final int FORECAST_STEPS = 64;
  /** Buckets of history a forecast is fit on: the forecast route's default, and more than 5 weeks of daily cycles. */
  static final int HISTORY_STEPS = 2000;
  /** Below this many recorded buckets the series has too little history to forecast (undefined). */
  static final int MIN_HISTORY = 12;
  static final Duration REFRESH = Duration.ofMinutes(1);
  static final int MAX_ENTRIES = 10_000;

  /** Steps that divide a day, from a second to a day; longer steps are whole days. */
  private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 14_400,
      21_600, 28_800, 43_200, 86_400};

  private record Key(String twinId, String series, long stepMillis) {}

  /** A forecast (null: too little history) made at {@code madeAt} from history up to the point at {@code newest}. */
  private record Kept(Instant newest, Instant madeAt, @Nullable SeriesForecast forecast) {}

  private final WarningInputs recorded;
  private final Clock clock;
  private final Map<Key, Kept> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private long fits;

  QueryForecasts(WarningInputs recorded, Clock clock) {
    this.recorded = recorded;
    this.clock = clock;
  }

  /** The series' forecast for a query looking {@code horizon} ahead; null when it has too little history. */
  @Nullable SeriesForecast forecast(String twinId, String series, Duration horizon) {
    Sample newest = recorded.latest(twinId, series);
    if (newest == null) {
      return null;
    }
    Key key = new Key(twinId, series, stepFor(horizon));
    Instant now = clock.instant();
    Kept kept;
    synchronized (cache) {
      kept = cache.get(key);
    }
    if (kept != null && (kept.newest().equals(newest.time())
        || Duration.between(kept.madeAt(), now).compareTo(REFRESH) < 0)) {
      return kept.forecast();
    }
    // fit outside the lock: queries on other series go on meanwhile (two on this one may both fit, rarely)
    SeriesForecast made = fit(key, newest);
    synchronized (cache) {
      cache.put(key, new Kept(newest.time(), now, made));
      fits++;
    }
    return made;
  }

  /** Models fit so far (for tests and measurements: a cached read fits none). */
  long fits() {
    synchronized (cache) {
      return fits;
    }
  }

  /** The grid step for a duration, in milliseconds: its 1/48 rounded up to a divisor of a day, or to whole days. */
  static long stepFor(Duration horizon) {
    long seconds = Math.max(1, (horizon.toMillis() + STEPS_PER_DURATION * 1000L - 1) / (STEPS_PER_DURATION * 1000L));
    for (long s : STEPS) {
      if (s >= seconds) {
        return s * 1000;
      }
    }
    long days = (seconds + 86_399) / 86_400;
    return days * 86_400_000;
  }

  private @Nullable SeriesForecast fit(Key key, Sample newest) {
    long step = key.stepMillis();
    Instant to = newest.time().plusMillis(1);
    Instant from = to.minusMillis(step * HISTORY_STEPS);
    List<Sample> buckets = recorded.buckets(key.twinId(), key.series(), from, to, step);
    if (buckets.size() < MIN_HISTORY) {
      return null;
    }
    long[] times = new long[buckets.size()];
    double[] values = new double[buckets.size()];
    for (int i = 0; i < buckets.size(); i++) {
      times[i] = buckets.get(i).time().toEpochMilli();
      values[i] = buckets.get(i).value();
    }
    Resampler.Regular grid = Resampler.toGrid(times, values, step);
    int last = grid.values().length - 1;
    if (!Double.isFinite(grid.values()[last])) {
      return null; // nothing finite to start from
    }
    Forecast f = Forecaster.forecast(grid.values(), ForecastRoutes.periods(step), FORECAST_STEPS);
    return new SeriesForecast(Instant.ofEpochMilli(grid.timeOf(last)), Duration.ofMillis(step), grid.values()[last],
        f.mean(), f.lower80(), f.upper80());
  }
}
