package io.doppel.predict.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.MutableClock;
import io.doppel.twin.Origin;
import io.doppel.twin.TwinEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveAnomaliesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void keepsABoundedWindowPerSeriesAndCountsEverything() {
    LiveAnomalies live = new LiveAnomalies(new MutableClock(T0));
    for (int i = 0; i < 1500; i++) {
      live.record("m1", "power", T0.plusSeconds(i), i % 7);
    }
    SeriesAnomalies s = live.series("m1", "power").orElseThrow();
    assertThat(s.count()).isEqualTo(1500);
    List<ScoredPoint> kept = s.points(Instant.MIN, Instant.MAX);
    assertThat(kept).hasSize(SeriesAnomalies.RECENT);
    assertThat(kept.get(0).time()).isEqualTo(T0.plusSeconds(500));
    assertThat(s.latest().time()).isEqualTo(T0.plusSeconds(1499));
    assertThat(s.points(T0.plusSeconds(1490), T0.plusSeconds(1495))).hasSize(5);
  }

  @Test
  void scoresTelemetryAndNumericPropertiesAndTellsOfAnomalies() throws Exception {
    MutableClock clock = new MutableClock(T0);
    LiveAnomalies live = new LiveAnomalies(clock);
    List<LiveAnomalies.Flagged> flagged = new ArrayList<>();
    live.onAnomaly(flagged::add);
    for (int i = 0; i < 400; i++) {
      live.telemetry("m1", "thermostat", (ObjectNode) JSON.readTree("{\"t\":" + (20 + Math.sin(i * 1.7)) + "}"),
          T0.plusSeconds(60L * i));
    }
    live.telemetry("m1", "thermostat", (ObjectNode) JSON.readTree("{\"t\":90,\"label\":\"x\"}"), null);
    assertThat(flagged).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("thermostat/t");
      assertThat(f.point().value()).isEqualTo(90);
    });
    Dtmi model = Dtmi.parse("dtmi:test:Meter;1");
    live.event(new TwinEvent.TwinCreated(1, T0, "m1", model,
        (ObjectNode) JSON.readTree("{\"$dtId\":\"m1\",\"limit\":5,\"info\":{\"depth\":2.5},\"name\":\"a\"}"),
        Origin.API));
    live.event(new TwinEvent.TwinPatched(2, T0, "m1", model,
        (com.fasterxml.jackson.databind.node.ArrayNode) JSON.readTree("[{\"op\":\"replace\",\"path\":\"/limit\",\"value\":6}]"),
        JSON.createObjectNode(), Origin.API));
    assertThat(live.series("m1").keySet()).containsExactly("info/depth", "limit", "thermostat/t");
    assertThat(live.series("m1", "limit").orElseThrow().count()).isEqualTo(2);
    live.event(new TwinEvent.TwinDeleted(3, T0, "m1", model, Origin.API));
    assertThat(live.series("m1")).isEmpty();
  }

  @Test
  void sensitivityCanBeSetBeforeTheSeriesExistsAndIsChecked() {
    LiveAnomalies live = new LiveAnomalies(new MutableClock(T0));
    live.setSensitivity("m1", "power", 3);
    live.record("m1", "power", T0, 1);
    assertThat(live.series("m1", "power").orElseThrow().sensitivity()).isEqualTo(3);
    assertThatThrownBy(() -> live.setSensitivity("m1", "power", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(live.sensitivity("m1", "power")).isEqualTo(3);
  }
}
