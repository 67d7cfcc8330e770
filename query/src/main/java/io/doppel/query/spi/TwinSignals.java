package io.doppel.query.spi;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Live signals about a twin's series, answered for the query functions {@code ANOMALY_SCORE}, {@code IS_ANOMALOUS},
 * {@code WARNING_WITHIN}, {@code FORECAST} and {@code FORECAST_CROSSES}. Series are named as the history names them ({@code temperature},
 * {@code thermostat/setPoint}). Implementations are thread-safe and cheap: they are called once per row.
 */
public interface TwinSignals {
  /** The anomaly score in [0, 1] of the series' latest value; null when it is not scored. */
  @Nullable Double anomalyScore(String twinId, String series);

  /** Whether the series' latest value was raised as an anomaly; null when it is not scored. */
  @Nullable Boolean anomalous(String twinId, String series);

  /**
   * When the soonest time-to-threshold warning in force on the series expects its crossing (the time of the value
   * past the threshold, when crossed already); null when no warning is in force.
   */
  @Nullable Instant warningAt(String twinId, String series);

  /**
   * A forecast of the series that reaches at least {@code horizon} past {@link #now()} when the series allows it
   * (the functions give undefined past its end); null when the series is not forecast (too little history, not a
   * number, or not readable by the caller). Called once per row: implementations cache.
   */
  default @Nullable SeriesForecast forecast(String twinId, String series, Duration horizon) {
    return null;
  }

  /** The time the duration of {@code WARNING_WITHIN}, {@code FORECAST} and {@code FORECAST_CROSSES} counts from. */
  default Instant now() {
    return Instant.now();
  }

  /** No signals: every function is undefined (or false, for WARNING_WITHIN). */
  TwinSignals NONE = new TwinSignals() {
    @Override
    public @Nullable Double anomalyScore(String twinId, String series) {
      return null;
    }

    @Override
    public @Nullable Boolean anomalous(String twinId, String series) {
      return null;
    }

    @Override
    public @Nullable Instant warningAt(String twinId, String series) {
      return null;
    }
  };
}
