package io.doppel.history;

import io.doppel.twin.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Retention drops whole chunks once all their points are older than the series' maximum age. */
class RetentionTest {

  @Test
  void theMostSpecificRuleWins() {
    Retention r = Retention.parse("P30D, dtmi:test:Probe;1=P7D, dtmi:test:Probe;1#temperature=PT1H");
    assertThat(r.maxAge("dtmi:test:Probe;1", "temperature")).contains(Duration.ofHours(1));
    assertThat(r.maxAge("dtmi:test:Probe;1", "temperature/max")).contains(Duration.ofHours(1));
    assertThat(r.maxAge("dtmi:test:Probe;1", "humidity")).contains(Duration.ofDays(7));
    assertThat(r.maxAge("dtmi:test:Other;1", "humidity")).contains(Duration.ofDays(30));
    assertThat(Retention.forever().maxAge("dtmi:test:Probe;1", "humidity")).isEmpty();
  }

  @Test
  void refusesRulesThatAreNotDtmisOrAgesThatAreNotPositiveDurations() {
    assertThatThrownBy(() -> Retention.parse("room=P1D")).hasMessageContaining("'room'");
    assertThatThrownBy(() -> Retention.parse("dtmi:test:Probe;1=soon")).hasMessageContaining("soon");
    assertThatThrownBy(() -> Retention.parse("PT0S")).hasMessageContaining("positive");
  }

  @Test
  void dropsChunksOlderThanThePropertysMaximumAgeAndKeepsOtherSeries() {
    MutableClock clock = new MutableClock(Sensors.T0);
    TwinEngine engine = Sensors.engine(clock);
    SeriesStore store = SeriesStore.inMemory();
    Retention retention = Retention.parse("dtmi:test:Probe;1#temperature=PT1H");
    HistoryOptions options = HistoryOptions.defaults().withClock(clock).withRetention(retention)
        .withChunks(60, Duration.ofMinutes(10));
    try (engine; HistoryService history = HistoryService.open(engine, store, options)) {
      Sensors.createProbe(engine, "p1", 30);
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int minute = 0; minute < 180; minute++) { // three hours of one point a minute
        Instant t = Sensors.T0.plus(Duration.ofMinutes(minute));
        acks.add(history.recordTelemetry("p1", null,
            Sensors.object("{\"temperature\":" + minute + ",\"humidity\":" + minute + "}"), t, null));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      clock.advance(Duration.ofHours(3));
      history.enforceRetention().join();

      Instant cutoff = clock.instant().minus(Duration.ofHours(1));
      List<Point> temperature = history.range("p1", "temperature", Sensors.T0, clock.instant(), 1000).points();
      assertThat(temperature).isNotEmpty();
      // nothing younger than the cutoff is lost, and what is older goes but for at most one chunk's span
      assertThat(temperature.get(temperature.size() - 1).value()).isEqualTo(179);
      assertThat(temperature).filteredOn(p -> p.time() >= cutoff.toEpochMilli()).hasSize(60);
      assertThat(temperature.get(0).time())
          .isGreaterThanOrEqualTo(cutoff.minus(Duration.ofMinutes(10)).toEpochMilli());
      assertThat(history.range("p1", "humidity", Sensors.T0, clock.instant(), 1000).points()).hasSize(180);

      // and writing goes on after the sweep, into the chunks retention left
      history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":500}"), clock.instant(), null).join();
      assertThat(history.latest("p1").get("temperature").value()).isEqualTo(500);
    }
  }

  @Test
  void dropsAnIdleSeriesWholeOnceItsNewestPointIsTooOld() {
    MutableClock clock = new MutableClock(Sensors.T0);
    TwinEngine engine = Sensors.engine(clock);
    SeriesStore store = SeriesStore.inMemory();
    HistoryOptions options = HistoryOptions.defaults().withClock(clock)
        .withRetention(Retention.parse("dtmi:test:Probe;1=PT1H"));
    try (engine; HistoryService history = HistoryService.open(engine, store, options)) {
      Sensors.createProbe(engine, "p1", 30);
      history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":1}"), null, null).join();
      clock.advance(Duration.ofHours(2));
      history.enforceRetention().join();
      assertThat(store.last(new SeriesKey("p1", "temperature"))).isEmpty();
      Map<String, Point> latest = history.latest("p1");
      assertThat(latest).doesNotContainKey("temperature");
    }
  }
}
