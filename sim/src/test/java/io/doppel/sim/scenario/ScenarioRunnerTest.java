package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.DoppelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  private static final SimGraph SHOP = ShopTwins.graph();

  static ScenarioResult run(String json) throws Exception {
    ScenarioDefinition def = ScenarioParser.parse(ShopTwins.JSON.readTree(json));
    return new ScenarioRunner(2).run(ScenarioRunner.prepare(SHOP, def, null), Progress.NONE);
  }

  static MetricComparison row(ScenarioResult r, String scope, String metric) {
    return r.comparison().stream().filter(c -> c.scope().equals(scope) && c.metric().equals(metric)).findFirst()
        .orElseThrow();
  }

  @Test
  void doublingDemandRaisesUtilisationWithSeparatedIntervals() throws Exception {
    List<int[]> progress = new ArrayList<>();
    ScenarioDefinition def = ScenarioParser.parse(ShopTwins.JSON.readTree("""
        {"horizon": 4000, "warmup": 400, "replications": 8, "seed": 3, "window": 400,
         "changes": [{"type": "demand", "factor": 2}]}"""));
    ScenarioResult r = new ScenarioRunner(2).run(ScenarioRunner.prepare(SHOP, def, null),
        (done, total) -> { synchronized (progress) { progress.add(new int[] {done, total}); } });
    MetricComparison util = row(r, "api", "utilisation");
    assertThat(util.baseline().mean()).isBetween(0.37, 0.43);
    assertThat(util.scenario().mean()).isBetween(0.76, 0.84);
    assertThat(util.separated()).isTrue();
    assertThat(util.verdict()).isEqualTo("changed");
    MetricComparison latency = row(r, "network", "meanResponse");
    assertThat(latency.separated()).isTrue();
    assertThat(latency.verdict()).isEqualTo("worse");
    assertThat(row(r, "network", "throughput").verdict()).isEqualTo("better");
    assertThat(r.baseline().complete()).isTrue();
    assertThat(r.scenario().series().get("api.utilisation")).hasSize(10);
    // per window, a 95% interval over the 8 replications around the mean: the doubled demand's band lies above
    List<Double> mean = r.scenario().series().get("api.utilisation");
    List<Double> low = r.scenario().seriesLow().get("api.utilisation");
    List<Double> high = r.scenario().seriesHigh().get("api.utilisation");
    List<Double> baseHigh = r.baseline().seriesHigh().get("api.utilisation");
    for (int i = 2; i < 10; i++) { // the first window is warm-up
      assertThat(low.get(i)).isLessThan(mean.get(i));
      assertThat(high.get(i)).isGreaterThan(mean.get(i));
      assertThat(low.get(i)).as("window %d", i).isGreaterThan(baseHigh.get(i));
    }
    assertThat(progress).hasSize(16);
    assertThat(progress.stream().mapToInt(p -> p[0]).max().orElseThrow()).isEqualTo(16);
  }

  /** Baseline and scenario share one work queue; which thread runs which replication must not show. */
  @Test
  void aSeedGivesTheSameResultsWhateverThePoolSize() throws Exception {
    ScenarioDefinition def = ScenarioParser.parse(ShopTwins.JSON.readTree("""
        {"horizon": 2000, "warmup": 200, "replications": 5, "seed": 11, "window": 500,
         "changes": [{"type": "demand", "factor": 1.5}]}"""));
    ScenarioRunner.Prepared prepared = ScenarioRunner.prepare(SHOP, def, null);
    ScenarioResult serial = new ScenarioRunner(1).run(prepared, Progress.NONE);
    ScenarioResult parallel = new ScenarioRunner(3).run(prepared, Progress.NONE);
    assertThat(parallel).isEqualTo(serial);
    assertThat(serial.baseline().events()).isNotEqualTo(serial.scenario().events());
  }

  @Test
  void scalingOutLowersLatencyAndRaisesCost() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 4000, "warmup": 400, "replications": 8, "seed": 5,
         "changes": [{"type": "setProperty", "twin": "db", "property": "serviceTime", "value": 180},
                     {"type": "setProperty", "twin": "db", "property": "replicas", "value": 2}],
         "workload": {"users": {"type": "poisson", "rate": 8}}}""");
    // baseline db: rho 0.2 at 50 ms; scenario: slower but two replicas, rho 0.36 per replica
    ScenarioResult scaleOut = run("""
        {"horizon": 4000, "warmup": 400, "replications": 8, "seed": 5,
         "changes": [{"type": "setProperty", "twin": "api", "property": "replicas", "value": 4}]}""");
    MetricComparison api = row(scaleOut, "api", "meanResponse");
    assertThat(api.verdict()).isEqualTo("better");
    assertThat(api.scenario().mean()).isLessThan(api.baseline().mean());
    assertThat(row(scaleOut, "network", "p95Response").verdict()).isEqualTo("better");
    MetricComparison cost = row(scaleOut, "api", "costPerHour");
    assertThat(cost.baseline().mean()).isEqualTo(1.0);
    assertThat(cost.scenario().mean()).isEqualTo(2.0);
    assertThat(cost.verdict()).isEqualTo("worse");
    assertThat(row(r, "db", "meanResponse").verdict()).isEqualTo("worse");
  }

  @Test
  void aFloodOnABoundedStationDropsRequestsInItsWindowOnly() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 2000, "warmup": 100, "replications": 6, "seed": 7, "window": 100,
         "changes": [{"type": "setProperty", "twin": "db", "property": "queue", "value": 5},
                     {"type": "flood", "twin": "db", "rate": 60, "start": 1000, "duration": 200}]}""");
    List<Double> drops = r.scenario().series().get("db.drops");
    assertThat(drops.subList(0, 10)).allSatisfy(d -> assertThat(d).isLessThan(2.0));
    assertThat(drops.get(10)).isGreaterThan(100);
    assertThat(drops.get(11)).isGreaterThan(100);
    assertThat(drops.subList(13, 20)).allSatisfy(d -> assertThat(d).isLessThan(2.0));
    assertThat(row(r, "db", "dropProbability").verdict()).isEqualTo("worse");
    assertThat(r.baseline().series().get("db.drops")).allSatisfy(d -> assertThat(d).isLessThan(2.0));
  }

  @Test
  void aTimeoutShowsAsTimeoutsWhenDemandRisesForAPeriod() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 3000, "warmup": 100, "replications": 6, "seed": 9, "window": 100,
         "changes": [{"type": "setProperty", "twin": "api", "property": "timeout", "value": 0.2},
                     {"type": "demand", "factor": 3, "start": 1000, "duration": 500}]}""");
    assertThat(row(r, "network", "timeoutProbability").verdict()).isEqualTo("worse");
    List<Double> before = r.scenario().series().get("api.throughput").subList(2, 10);
    List<Double> during = r.scenario().series().get("api.throughput").subList(11, 15);
    assertThat(during.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
        .isGreaterThan(1.8 * before.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
  }

  @Test
  void anUnstableScenarioIsBoundedAndReported() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 100000, "warmup": 10, "replications": 2, "maxCustomers": 2000,
         "changes": [{"type": "demand", "factor": 4}]}""");
    assertThat(r.scenario().complete()).isFalse();
    assertThat(r.scenario().stopReasons()).containsKey("ENTITY_LIMIT");
    assertThat(r.scenario().warnings()).anySatisfy(w -> assertThat(w).startsWith("twins[api]: offered load 1.600"));
    assertThat(r.baseline().complete()).isTrue();
  }

  @Test
  void changesToUnknownTwinsAndUnsupportedChangesAreRejectedNamingTheChange() {
    assertRejected("""
        {"changes": [{"type": "setProperty", "twin": "nope", "property": "replicas", "value": 2}]}""",
        "changes[0].twin");
    assertRejected("""
        {"changes": [{"type": "demand", "factor": 1}, {"type": "fail", "twin": "ghost", "start": 10, "duration": 5}]}""",
        "changes[1].twin");
    assertRejected("""
        {"changes": [{"type": "addRelationship", "relationship": "x", "source": "api", "target": "db",
                      "name": "likes"}]}""", "changes[0].name");
    assertRejected("""
        {"workload": {"db": {"type": "poisson", "rate": 3}}}""", "workload.db");
    assertRejected("""
        {"changes": [{"type": "setProperty", "twin": "api", "property": "replicas", "value": 0}]}""",
        "twins[api].replicas");
  }

  @Test
  void anAddedTwinAndRelationshipTakeLoad() throws Exception {
    ScenarioResult r = run("""
        {"horizon": 2000, "warmup": 200, "replications": 4,
         "changes": [{"type": "addTwin", "twin": "cache", "model": "dtmi:shop:Service;1",
                      "properties": {"replicas": 1, "serviceTime": 5}},
                     {"type": "addRelationship", "relationship": "api-cache", "source": "api", "target": "cache",
                      "name": "calls", "properties": {"p": 0.3}}]}""");
    assertThat(r.scenario().twins()).containsKey("cache");
    assertThat(r.baseline().twins()).doesNotContainKey("cache");
    assertThat(r.scenario().twins().get("cache").get("throughput").mean()).isBetween(2.0, 2.8);
  }

  private static void assertRejected(String json, String field) {
    assertThatThrownBy(() -> run(json)).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.getMessage()).startsWith(field + ":"));
  }

  static JsonNode tree(String json) throws Exception {
    return ShopTwins.JSON.readTree(json);
  }
}
