package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** Recorded telemetry kept in memory, in time order per twin and series. */
  private static final class Recorded implements RecordedSeries {
    final Map<String, List<Sample>> series = new HashMap<>();

    void add(String twin, String telemetry, Instant t, double v) {
      series.computeIfAbsent(twin + "/" + telemetry, k -> new ArrayList<>()).add(new Sample(t, v));
    }

    @Override
    public List<Sample> samples(String twin, String telemetry, Instant from, Instant to) {
      return series.getOrDefault(twin + "/" + telemetry, List.of()).stream()
          .filter(s -> !s.time().isBefore(from) && s.time().isBefore(to)).toList();
    }
  }

  @Test
  void recoversTheArrivalRateAndServiceTimeAndTheCalibratedRunMatchesTheObservations() throws Exception {
    // the true system: 11 requests/s into api (2 replicas, 120 ms mean service): M/M/2 W = 0.2126 s
    Recorded history = new Recorded();
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 600; i++) {
      Instant t = T0.plus(Duration.ofSeconds(i));
      history.add("users", "requestRate", t, 11 + (random.nextDouble() - 0.5) * 2);
      history.add("api", "requestRate", t, 11 + (random.nextDouble() - 0.5) * 2);
      history.add("api", "latencyMean", t, 212.6 + (random.nextDouble() - 0.5) * 10);
    }
    history.add("users", "requestRate", T0.minusSeconds(5), 1000); // outside the window
    SimGraph shop = ShopTwins.graph();
    Calibration.Result result = Calibration.estimate(shop, history, T0, T0.plusSeconds(600));
    Calibration.Estimate users = result.estimates().stream().filter(e -> e.twin().equals("users")).findFirst()
        .orElseThrow();
    assertThat(users.property()).isEqualTo("rate");
    assertThat(users.value()).isBetween(10.9, 11.1);
    Calibration.Estimate api = result.estimates().stream().filter(e -> e.twin().equals("api")).findFirst()
        .orElseThrow();
    assertThat(api.property()).isEqualTo("serviceTime");
    assertThat(api.value()).isBetween(115.0, 125.0);

    ScenarioDefinition def = new ScenarioDefinition("calibrated", "", null, result.changes(), Map.of(),
        new RunSettings(4000, 400, 8, 1, 400, RunSettings.DEFAULT_MAX_EVENTS, RunSettings.DEFAULT_MAX_CUSTOMERS));
    ScenarioResult run = new ScenarioRunner(2).run(ScenarioRunner.prepare(shop, def, history), Progress.NONE);
    List<Calibration.Fit> fit = Calibration.fit(result, run.scenario());
    assertThat(fit).extracting(Calibration.Fit::metric).contains("throughput", "meanResponse");
    assertThat(fit).allSatisfy(f -> assertThat(Math.abs(f.relativeError())).as(f.twin() + " " + f.metric())
        .isLessThan(0.05));
  }

  @Test
  void aWorkloadFromHistoryReplaysTheRecordedRate() throws Exception {
    Recorded history = new Recorded();
    for (int i = 0; i < 1200; i++) {
      history.add("users", "requestRate", T0.plusSeconds(i), i < 600 ? 4 : 12);
    }
    ScenarioDefinition def = ScenarioParser.parse(ShopTwins.JSON.readTree("""
        {"horizon": 1200, "warmup": 10, "replications": 6, "window": 600,
         "workload": {"users": {"type": "history", "twin": "users", "telemetry": "requestRate",
                                "from": "2026-03-01T10:00:00Z", "to": "2026-03-01T10:20:00Z", "slot": 60}}}"""));
    ScenarioResult r = new ScenarioRunner(2).run(ScenarioRunner.prepare(ShopTwins.graph(), def, history),
        Progress.NONE);
    List<Double> rate = r.baseline().series().get("api.throughput");
    assertThat(rate.get(0)).isBetween(3.5, 4.5);
    assertThat(rate.get(1)).isBetween(11.0, 13.0);
  }
}
