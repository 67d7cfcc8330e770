package io.doppel.history;

import io.doppel.twin.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.history.spi.SeriesStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Property changes published by the engine become points at the change's time. */
class RecorderTest {
  private final MutableClock clock = new MutableClock(Sensors.T0);
  private final TwinEngine engine = Sensors.engine(clock);
  private final HistoryService history =
      HistoryService.open(engine, SeriesStore.inMemory(), HistoryOptions.defaults().withClock(clock));

  @AfterEach
  void close() {
    engine.close();
    history.close();
  }

  @Test
  void recordsEveryNumericBooleanAndStringLeafOfACreatedTwinAtItsCreationTime() {
    Sensors.createProbe(engine, "p1", 30.0);
    Map<String, Point> latest = awaitLatest("p1", 4);
    assertThat(latest).containsOnlyKeys("threshold", "enabled", "label", "thermostat/setPoint");
    assertThat(latest.get("label")).isEqualTo(Point.ofText(Sensors.T0.toEpochMilli(), "north"));
    assertThat(latest.get("threshold")).isEqualTo(new Point(Sensors.T0.toEpochMilli(), 30.0));
    assertThat(latest.get("enabled").value()).isEqualTo(1.0);
    assertThat(latest.get("thermostat/setPoint").value()).isEqualTo(21.0);
  }

  @Test
  void recordsOnlyTheLeavesAPatchWritesAtThePatchTime() {
    Sensors.createProbe(engine, "p1", 30.0);
    clock.advance(Duration.ofSeconds(10));
    engine.patchTwin("p1", Sensors.array("""
        [{"op":"replace","path":"/threshold","value":31.5},
         {"op":"replace","path":"/thermostat/setPoint","value":19.0},
         {"op":"replace","path":"/label","value":"south"}]"""), Precondition.none());
    clock.advance(Duration.ofSeconds(10));
    engine.patchTwin("p1", Sensors.array("[{\"op\":\"replace\",\"path\":\"/enabled\",\"value\":false}]"),
        Precondition.none());
    Instant t10 = Sensors.T0.plusSeconds(10);
    Awaitility.await().untilAsserted(() -> assertThat(points("p1", "enabled")).hasSize(2));
    assertThat(points("p1", "threshold")).containsExactly(
        new Point(Sensors.T0.toEpochMilli(), 30.0), new Point(t10.toEpochMilli(), 31.5));
    assertThat(points("p1", "thermostat/setPoint")).containsExactly(
        new Point(Sensors.T0.toEpochMilli(), 21.0), new Point(t10.toEpochMilli(), 19.0));
    assertThat(points("p1", "enabled")).extracting(Point::value).containsExactly(1.0, 0.0);
    assertThat(points("p1", "label")).extracting(Point::text).containsExactly("north", "south");
  }

  @Test
  void aReplacedTwinRecordsItsNewValuesAndADeletedTwinKeepsItsHistory() {
    Sensors.createProbe(engine, "p1", 30.0);
    clock.advance(Duration.ofMinutes(1));
    Sensors.createProbe(engine, "p1", 40.0);
    Awaitility.await().untilAsserted(() -> assertThat(points("p1", "threshold")).hasSize(2));
    engine.deleteTwin("p1", Precondition.none());
    assertThat(points("p1", "threshold")).extracting(Point::value).containsExactly(30.0, 40.0);
  }

  private Map<String, Point> awaitLatest(String twin, int names) {
    Awaitility.await().until(() -> history.latest(twin).size() == names);
    return history.latest(twin);
  }

  private List<Point> points(String twin, String name) {
    return history.range(twin, name, Sensors.T0.minusSeconds(1), Sensors.T0.plusSeconds(3600), 1000).points();
  }
}
