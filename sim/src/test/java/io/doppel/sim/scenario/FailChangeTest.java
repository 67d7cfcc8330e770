package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario change {@code fail}: a station gives no service for a period, the baseline runs on. */
class FailChangeTest {
  private static final SimGraph SHOP = ShopTwins.graph();

  private static ScenarioResult run(String json) throws Exception {
    ScenarioDefinition def = ScenarioParser.parse(ShopTwins.JSON.readTree(json));
    return new ScenarioRunner(2).run(ScenarioRunner.prepare(SHOP, def, null), Progress.NONE);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void aFailedStationQueuesInItsWindowAndIsLessAvailableThanTheBaseline() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 3000, "warmup": 100, "replications": 6, "seed": 11, "window": 100,
         "changes": [{"type": "fail", "twin": "db", "start": 1000, "duration": 300}]}""");
    List<Double> queue = r.scenario().series().get("db.queueLength");
    // db gets 4 requests/s: 300 s down piles up ~1200 requests, worked off at 16/s after the repair
    assertThat(mean(queue.subList(2, 10))).isLessThan(1.0);
    assertThat(queue.get(12)).isGreaterThan(200);
    assertThat(mean(queue.subList(25, 30))).isLessThan(1.0);
    assertThat(r.scenario().series().get("db.throughput").get(11)).isLessThan(0.01);
    assertThat(mean(r.baseline().series().get("db.queueLength"))).isLessThan(1.0);
    MetricComparison availability = ScenarioRunnerTest.row(r, "db", "availability");
    assertThat(availability.baseline().mean()).isEqualTo(1.0);
    // 300 of the 2900 measured seconds down
    assertThat(availability.scenario().mean()).isCloseTo(1 - 300.0 / 2900, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(availability.verdict()).isEqualTo("worse");
    assertThat(ScenarioRunnerTest.row(r, "db", "meanResponse").verdict()).isEqualTo("worse");
    assertThat(ScenarioRunnerTest.row(r, "api", "availability").verdict()).isEqualTo("same");
  }

  @Test
  void aFailedBoundedStationDropsAndAWaitingTimeoutTimesOutDuringTheOutageOnly() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 2000, "warmup": 100, "replications": 4, "seed": 13, "window": 100,
         "changes": [{"type": "setProperty", "twin": "db", "property": "queue", "value": 10},
                     {"type": "setProperty", "twin": "db", "property": "timeout", "value": 5},
                     {"type": "fail", "twin": "db", "start": 1000, "duration": 200}]}""");
    List<Double> drops = r.scenario().series().get("db.drops");
    assertThat(mean(drops.subList(2, 10))).isLessThan(0.5);
    assertThat(drops.get(10)).isGreaterThan(200);
    assertThat(mean(drops.subList(13, 20))).isLessThan(0.5);
    assertThat(ScenarioRunnerTest.row(r, "db", "dropProbability").verdict()).isEqualTo("worse");
    assertThat(ScenarioRunnerTest.row(r, "db", "timeoutProbability").verdict()).isEqualTo("worse");
    assertThat(ScenarioRunnerTest.row(r, "network", "errorProbability").verdict()).isEqualTo("worse");
  }

  @Test
  void aBadWindowOrTwinIsRejectedNamingTheField() {
    assertRejected("""
        {"horizon": 100, "changes": [{"type": "fail", "twin": "db", "start": 100}]}""", "changes[0].start");
    assertRejected("""
        {"changes": [{"type": "fail", "twin": "db", "start": -1, "duration": 5}]}""", "changes[0].start");
    assertRejected("""
        {"changes": [{"type": "fail", "twin": "db", "start": 10, "duration": 0}]}""", "changes[0].duration");
    assertRejected("""
        {"changes": [{"type": "fail", "twin": "db", "start": 10, "duration": "long"}]}""", "changes[0].duration");
    assertRejected("""
        {"changes": [{"type": "fail", "start": 10}]}""", "changes[0].twin");
    assertRejected("""
        {"changes": [{"type": "fail", "twin": "ghost"}]}""", "changes[0].twin");
    assertRejected("""
        {"changes": [{"type": "fail", "twin": "users"}]}""", "changes[0].twin");
  }

  private static void assertRejected(String json, String field) {
    assertThatThrownBy(() -> run(json)).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.getMessage()).startsWith(field + ":");
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    });
  }
}
