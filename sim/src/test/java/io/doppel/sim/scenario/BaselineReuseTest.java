package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineReuseTest {
  private static final SimGraph SHOP = ShopTwins.graph();
  private static final String RUN = """
      {"horizon": 2000, "warmup": 200, "replications": 4, "seed": %d, "window": 500,
       "changes": [{"type": "demand", "factor": 1.5}]}""";

  private static ScenarioRunner.Prepared prepare(SimGraph graph, long seed) throws Exception {
    return ScenarioRunner.prepare(graph, ScenarioParser.parse(ShopTwins.JSON.readTree(RUN.formatted(seed))), null);
  }

  /** The shop with one property of the database changed by a hair. */
  private static SimGraph shopWithSlowerDb() throws Exception {
    SimGraph changed = SHOP.copy();
    GraphEdits.apply(changed, ScenarioParser.parse(ShopTwins.JSON.readTree("""
        {"changes": [{"type": "setProperty", "twin": "db", "property": "serviceTime", "value": 50.000001}]}"""))
        .changes());
    return changed;
  }

  @Test
  void aRerunReusesTheBaselineAndGivesTheSameResult() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(2);
    List<int[]> progress = new ArrayList<>();
    ScenarioResult first = runner.run(prepare(SHOP, 7), Progress.NONE);
    // prepared again from the graph, as a second request would be: equal content, new objects
    ScenarioResult second = runner.run(prepare(SHOP, 7),
        (done, total) -> { synchronized (progress) { progress.add(new int[] {done, total}); } });
    assertThat(first.baselineReused()).isFalse();
    assertThat(second.baselineReused()).isTrue();
    assertThat(second.baseline()).isEqualTo(first.baseline());
    assertThat(second.scenario()).isEqualTo(first.scenario());
    assertThat(second.comparison()).isEqualTo(first.comparison());
    // only the scenario side was simulated
    assertThat(progress).hasSize(4).allSatisfy(p -> assertThat(p[1]).isEqualTo(4));
  }

  @Test
  void anotherScenarioOfTheSameSnapshotReusesTheBaseline() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(2);
    runner.run(prepare(SHOP, 7), Progress.NONE);
    ScenarioResult other = runner.run(ScenarioRunner.prepare(SHOP, ScenarioParser.parse(ShopTwins.JSON.readTree("""
        {"horizon": 2000, "warmup": 200, "replications": 4, "seed": 7, "window": 500,
         "changes": [{"type": "setProperty", "twin": "db", "property": "replicas", "value": 2}]}""")), null),
        Progress.NONE);
    ScenarioResult fresh = new ScenarioRunner(2).run(ScenarioRunner.prepare(SHOP, ScenarioParser.parse(
        ShopTwins.JSON.readTree("""
        {"horizon": 2000, "warmup": 200, "replications": 4, "seed": 7, "window": 500,
         "changes": [{"type": "setProperty", "twin": "db", "property": "replicas", "value": 2}]}""")), null),
        Progress.NONE);
    assertThat(other.baselineReused()).isTrue();
    assertThat(fresh.baselineReused()).isFalse();
    assertThat(other).usingRecursiveComparison().ignoringFields("baselineReused").isEqualTo(fresh);
  }

  @Test
  void aChangedPropertyMissesTheCache() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(2);
    ScenarioResult first = runner.run(prepare(SHOP, 7), Progress.NONE);
    ScenarioResult changed = runner.run(prepare(shopWithSlowerDb(), 7), Progress.NONE);
    assertThat(changed.baselineReused()).isFalse();
    assertThat(changed.baseline()).isNotEqualTo(first.baseline());
    // and the first baseline is still there for its own network
    assertThat(runner.run(prepare(SHOP, 7), Progress.NONE).baselineReused()).isTrue();
  }

  @Test
  void anotherSeedMissesTheCache() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(2);
    runner.run(prepare(SHOP, 7), Progress.NONE);
    assertThat(runner.run(prepare(SHOP, 8), Progress.NONE).baselineReused()).isFalse();
  }

  @Test
  void theCacheKeepsOnlyItsCapacity() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(2, 1);
    runner.run(prepare(SHOP, 7), Progress.NONE);
    runner.run(prepare(SHOP, 8), Progress.NONE);
    // seed 7's baseline was pushed out by seed 8's
    assertThat(runner.run(prepare(SHOP, 7), Progress.NONE).baselineReused()).isFalse();
    assertThat(new ScenarioRunner(2, 0).run(prepare(SHOP, 7), Progress.NONE).baselineReused()).isFalse();
  }
}
