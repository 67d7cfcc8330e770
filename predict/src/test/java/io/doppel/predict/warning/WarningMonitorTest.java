package io.doppel.predict.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.twin.DoppelException;
import io.doppel.twin.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class WarningMonitorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  /** Recorded series by twin, as the history would hold them: one value per hour. */
  static final class Series implements WarningInputs {
    final Map<String, TreeMap<Instant, Double>> byTwin = new ConcurrentSkipListMap<>();

    void record(String twinId, Instant time, double value) {
      byTwin.computeIfAbsent(twinId, k -> new TreeMap<>()).put(time, value);
    }

    @Override
    public List<String> twins(WarningDefinition definition) {
      return List.copyOf(byTwin.keySet());
    }

    @Override
    public @Nullable Sample latest(String twinId, String series) {
      TreeMap<Instant, Double> s = byTwin.get(twinId);
      return s == null || s.isEmpty() ? null : new Sample(s.lastKey(), s.lastEntry().getValue());
    }

    @Override
    public List<Sample> buckets(String twinId, String series, Instant from, Instant to, long stepMillis) {
      TreeMap<Long, double[]> sums = new TreeMap<>();
      byTwin.getOrDefault(twinId, new TreeMap<>()).subMap(from, true, to, false).forEach((t, v) -> {
        double[] s = sums.computeIfAbsent(Math.floorDiv(t.toEpochMilli(), stepMillis) * stepMillis,
            k -> new double[2]);
        s[0] += v;
        s[1]++;
      });
      List<Sample> out = new ArrayList<>();
      sums.forEach((t, s) -> out.add(new Sample(Instant.ofEpochMilli(t), s[0] / s[1])));
      return out;
    }
  }

  /** Rises 0.25 an hour from 50 with a little deterministic noise: crosses 90 at hour 160. */
  static double rising(int hour) {
    return 50 + 0.25 * hour + ((hour * 37) % 11 - 5) * 0.15;
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void aRisingSeriesWarnsWithTheTrueCrossingInsideItsInterval() throws Exception {
    MutableClock clock = new MutableClock(START);
    Series series = new Series();
    WarningMonitor monitor = new WarningMonitor(WarningStore.inMemory(), series, clock, 100);
    List<WarningTransition> transitions = new ArrayList<>();
    monitor.onTransition(transitions::add);
    monitor.define("hot", json("{\"twin\":\"pump-*\",\"series\":\"temperature\",\"above\":90,\"within\":\"PT24H\","
        + "\"interval\":\"PT1H\",\"level\":0.8}"));
    Instant truth = START.plus(Duration.ofHours(160));
    int hour = 0;
    for (; hour < 120; hour++) {
      series.record("pump-1", START.plus(Duration.ofHours(hour)), rising(hour));
      clock.advance(Duration.ofHours(1));
      monitor.tick();
    }
    assertThat(monitor.active("pump-1")).as("40 hours before the crossing, 24 h ahead").isEmpty();
    for (; hour < 145; hour++) {
      series.record("pump-1", START.plus(Duration.ofHours(hour)), rising(hour));
      clock.advance(Duration.ofHours(1));
      monitor.tick();
    }
    List<ActiveWarning> active = monitor.active("pump-1");
    assertThat(active).hasSize(1);
    ActiveWarning w = active.get(0);
    assertThat(w.name()).isEqualTo("hot");
    assertThat(w.crossed()).isFalse();
    assertThat(w.above()).isTrue();
    assertThat(w.earliest()).isBeforeOrEqualTo(w.expectedAt());
    assertThat(w.latest()).isNotNull();
    assertThat(w.latest()).isAfterOrEqualTo(w.expectedAt());
    assertThat(truth).isBetween(w.earliest(), w.latest());
    assertThat(Duration.between(truth, w.expectedAt()).abs()).isLessThanOrEqualTo(Duration.ofHours(3));
    assertThat(w.lastValue()).isEqualTo(rising(144));
    assertThat(w.computedAt()).isEqualTo(clock.instant());
    assertThat(transitions).hasSize(1);
    assertThat(transitions.get(0).active()).isTrue();
    assertThat(monitor.soonest("pump-1", "temperature")).isEqualTo(w);
    assertThat(w.text()).startsWith("temperature crosses 90 at about ").contains("(80%: ");

    // the series turns back down: the warning ends, with a transition
    for (int k = 0; k < 30; k++, hour++) {
      series.record("pump-1", START.plus(Duration.ofHours(hour)), 80 - k);
      clock.advance(Duration.ofHours(1));
      monitor.tick();
    }
    assertThat(monitor.active(null)).isEmpty();
    assertThat(transitions).hasSize(2);
    assertThat(transitions.get(1).active()).isFalse();
  }

  @Test
  void aWiderLevelGivesAWiderInterval() throws Exception {
    MutableClock clock = new MutableClock(START.plus(Duration.ofHours(146)));
    Series series = new Series();
    for (int hour = 0; hour < 145; hour++) {
      series.record("pump-1", START.plus(Duration.ofHours(hour)), rising(hour));
    }
    WarningMonitor monitor = new WarningMonitor(WarningStore.inMemory(), series, clock, 100);
    monitor.define("a80", json("{\"twin\":\"pump-1\",\"series\":\"t\",\"above\":90,\"within\":\"PT48H\","
        + "\"interval\":\"PT1H\"}"));
    monitor.define("a99", json("{\"twin\":\"pump-1\",\"series\":\"t\",\"above\":90,\"within\":\"PT48H\","
        + "\"interval\":\"PT1H\",\"level\":0.99}"));
    assertThat(monitor.tick()).isEqualTo(2);
    ActiveWarning w80 = monitor.active(null).stream().filter(w -> w.name().equals("a80")).findFirst().orElseThrow();
    ActiveWarning w99 = monitor.active(null).stream().filter(w -> w.name().equals("a99")).findFirst().orElseThrow();
    assertThat(w99.expectedAt()).isEqualTo(w80.expectedAt());
    assertThat(w99.earliest()).isBeforeOrEqualTo(w80.earliest());
    assertThat(w99.level()).isEqualTo(0.99);
    // nothing new: the next tick evaluates nothing
    assertThat(monitor.tick()).isZero();
  }

  @Test
  void aValuePastTheThresholdIsCrossedAndBelowWatchesFalls() throws Exception {
    MutableClock clock = new MutableClock(START.plus(Duration.ofHours(10)));
    Series series = new Series();
    for (int hour = 0; hour < 10; hour++) {
      series.record("tank-1", START.plus(Duration.ofHours(hour)), 100 - 10 * hour);
    }
    WarningMonitor monitor = new WarningMonitor(WarningStore.inMemory(), series, clock, 10);
    monitor.define("empty", json("{\"twin\":\"tank-*\",\"series\":\"level\",\"below\":20,\"within\":\"PT6H\"}"));
    monitor.tick();
    ActiveWarning w = monitor.active("tank-1").get(0);
    assertThat(w.crossed()).isTrue();
    assertThat(w.direction()).isEqualTo("below");
    assertThat(w.expectedAt()).isEqualTo(START.plus(Duration.ofHours(9)));
    assertThat(w.text()).isEqualTo("level is below 20 since " + START.plus(Duration.ofHours(9)));
  }

  @Test
  void boundedWorkPerTickAndDefinitionsSurviveInTheStore() throws Exception {
    MutableClock clock = new MutableClock(START.plus(Duration.ofHours(30)));
    Series series = new Series();
    for (int twin = 0; twin < 7; twin++) {
      for (int hour = 0; hour < 30; hour++) {
        series.record("m-" + twin, START.plus(Duration.ofHours(hour)), hour);
      }
    }
    WarningStore store = WarningStore.inMemory();
    WarningMonitor monitor = new WarningMonitor(store, series, clock, 3);
    monitor.define("w", json("{\"twin\":\"m-*\",\"series\":\"x\",\"above\":35,\"within\":\"PT12H\"}"));
    assertThat(monitor.tick()).isEqualTo(3);
    assertThat(monitor.tick()).isEqualTo(3);
    assertThat(monitor.tick()).isEqualTo(1);
    assertThat(monitor.active(null)).hasSize(7);
    WarningMonitor reopened = new WarningMonitor(store, series, clock, 3);
    assertThat(reopened.get("w").threshold()).isEqualTo(35);
    assertThat(reopened.get("w").interval()).isEqualTo(Duration.ofMinutes(30));
    monitor.delete("w");
    monitor.tick();
    assertThat(monitor.active(null)).isEmpty();
    assertThatThrownBy(() -> monitor.get("w")).isInstanceOf(DoppelException.class).hasMessageContaining("'w'");
  }

  @Test
  void badDefinitionsNameTheirField() {
    expectInvalid("{\"series\":\"x\",\"above\":1,\"within\":\"PT1H\"}", "model");
    expectInvalid("{\"twin\":\"a\",\"above\":1,\"within\":\"PT1H\"}", "series");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"within\":\"PT1H\"}", "above");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":1,\"below\":2,\"within\":\"PT1H\"}", "below");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":\"hot\",\"within\":\"PT1H\"}", "above");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":1}", "within");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":1,\"within\":\"soon\"}", "within");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":1,\"within\":\"PT1H\",\"level\":1.5}", "level");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":1,\"within\":\"P30D\",\"interval\":\"PT1M\"}",
        "interval");
    expectInvalid("{\"model\":\"pump\",\"series\":\"x\",\"above\":1,\"within\":\"PT1H\"}", "model");
    expectInvalid("{\"twin\":\"a\",\"series\":\"x\",\"above\":1,\"within\":\"PT1H\",\"colour\":1}", "colour");
  }

  private static void expectInvalid(String body, String field) {
    assertThatThrownBy(() -> WarningDefinition.parse("w", json(body))).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.details()).anySatisfy(d -> assertThat(d.target()).isEqualTo(field)));
  }
}
