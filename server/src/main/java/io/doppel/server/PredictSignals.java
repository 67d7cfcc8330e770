package io.doppel.server;

import io.doppel.predict.anomaly.LiveAnomalies;
import io.doppel.predict.anomaly.ScoredPoint;
import io.doppel.predict.anomaly.SeriesAnomalies;
import io.doppel.predict.warning.ActiveWarning;
import io.doppel.predict.warning.WarningMonitor;
import io.doppel.query.spi.SeriesForecast;
import io.doppel.query.spi.TwinSignals;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.QueryScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The query functions' signals from the prediction feature: live anomaly scores, the warnings in force and forecasts
 * of the recorded series. A series the caller may not read answers nothing (undefined), as its property would: a
 * score or a forecast tells about the values.
 */
final class PredictSignals implements TwinSignals {
  private final LiveAnomalies anomalies;
  private final WarningMonitor warnings;
  private final QueryForecasts forecasts;
  private final Clock clock;

  PredictSignals(LiveAnomalies anomalies, WarningMonitor warnings, QueryForecasts forecasts, Clock clock) {
    this.anomalies = anomalies;
    this.warnings = warnings;
    this.forecasts = forecasts;
    this.clock = clock;
  }

  @Override
  public @Nullable Double anomalyScore(String twinId, String series) {
    ScoredPoint latest = latest(clear(twinId), series);
    return latest == null ? null : latest.score().score();
  }

  @Override
  public @Nullable Boolean anomalous(String twinId, String series) {
    ScoredPoint latest = latest(clear(twinId), series);
    return latest == null ? null : latest.score().anomaly();
  }

  @Override
  public @Nullable Instant warningAt(String shownId, String series) {
    String twinId = clear(shownId);
    if (!shows(twinId, series)) {
      return null;
    }
    ActiveWarning w = warnings.soonest(twinId, series);
    return w == null ? null : w.expectedAt();
  }

  @Override
  public @Nullable SeriesForecast forecast(String shownId, String series, Duration horizon) {
    String twinId = clear(shownId);
    return shows(twinId, series) ? forecasts.forecast(twinId, series, horizon) : null;
  }

  /** The clear id of a twin the query names as its caller's view does (by pseudonym where its id is personal). */
  private static String clear(String twinId) {
    Access access = QueryScope.current();
    return access == null ? twinId : access.clearId(twinId);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  private @Nullable ScoredPoint latest(String twinId, String series) {
    if (!shows(twinId, series)) {
      return null;
    }
    return anomalies.series(twinId, series).map(SeriesAnomalies::latest).orElse(null);
  }

  private static boolean shows(String twinId, String series) {
    Access access = QueryScope.current();
    if (access == null || access.everything()) {
      return true;
    }
    int cut = series.indexOf('/');
    return access.showsProperty(twinId, cut < 0 ? series : series.substring(0, cut));
  }
}
