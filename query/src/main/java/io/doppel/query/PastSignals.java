package io.doppel.query;

import io.doppel.query.spi.SeriesForecast;
import io.doppel.query.spi.TwinSignals;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The signals an {@code AS OF} query reads: the live scores and warnings as they are (documented so), but no
 * forecast, since one made from today's history would be read as what was expected at the past time.
 */
final class PastSignals implements TwinSignals {
  private final TwinSignals live;

  PastSignals(TwinSignals live) {
    this.live = live;
  }

  @Override
  public @Nullable Double anomalyScore(String twinId, String series) {
    return live.anomalyScore(twinId, series);
  }

  @Override
  public @Nullable Boolean anomalous(String twinId, String series) {
    return live.anomalous(twinId, series);
  }

  @Override
  public @Nullable Instant warningAt(String twinId, String series) {
    return live.warningAt(twinId, series);
  }

  @Override
  public @Nullable SeriesForecast forecast(String twinId, String series, Duration horizon) {
    return null;
  }

  @Override
  public Instant now() {
    return live.now();
  }
}
