package io.doppel.history;

import io.doppel.twin.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.history.spi.SeriesStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes the engine committed while no history was recording come back as the twins' current values. */
class CatchUpTest {

  @Test
  void aHistoryBehindTheEngineRecordsEveryTwinsValuesAtTheirLastUpdateTimes() {
    MutableClock clock = new MutableClock(Sensors.T0);
    TwinStore twins = TwinStore.inMemory();
    SeriesStore series = SeriesStore.inMemory();
    try (TwinEngine engine = TwinEngine.open(twins, clock)) {
      engine.addModels(Sensors.MODELS);
      Sensors.createProbe(engine, "p1", 30);
      HistoryService history = HistoryService.open(engine, series, HistoryOptions.defaults().withClock(clock));
      history.caughtUp().join();
      history.close();
      // changes the history never sees: as if the process died between the engine's commit and the history's
      clock.advance(Duration.ofMinutes(1));
      engine.patchTwin("p1", Sensors.array("[{\"op\":\"replace\",\"path\":\"/threshold\",\"value\":35}]"),
          Precondition.none());
      engine.patchTwin("p1", Sensors.array("[{\"op\":\"replace\",\"path\":\"/thermostat/setPoint\","
          + "\"value\":18}]"), Precondition.none());
      assertThat(series.recordedVersion()).isLessThan(engine.version());
      try (HistoryService reopened = HistoryService.open(engine, series, HistoryOptions.defaults().withClock(clock))) {
        reopened.caughtUp().join();
        Map<String, Point> latest = reopened.latest("p1");
        long patched = Sensors.T0.plus(Duration.ofMinutes(1)).toEpochMilli();
        assertThat(latest.get("threshold")).isEqualTo(new Point(patched, 35));
        assertThat(latest.get("thermostat/setPoint")).isEqualTo(new Point(patched, 18));
        assertThat(latest.get("enabled")).isEqualTo(new Point(Sensors.T0.toEpochMilli(), 1));
        assertThat(reopened.range("p1", "threshold", Sensors.T0, Sensors.T0.plusSeconds(3600), 10).points())
            .extracting(Point::value).containsExactly(30.0, 35.0);
        assertThat(series.recordedVersion()).isEqualTo(engine.version());
      }
    }
  }
}
