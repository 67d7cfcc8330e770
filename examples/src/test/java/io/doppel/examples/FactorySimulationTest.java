package io.doppel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.model.ModelCatalog;
import io.doppel.model.ModelParser;
import io.doppel.model.ModelResolver;
import io.doppel.model.ParseResult;
import io.doppel.sim.scenario.MetricComparison;
import io.doppel.sim.scenario.Progress;
import io.doppel.sim.scenario.ScenarioParser;
import io.doppel.sim.scenario.ScenarioResult;
import io.doppel.sim.scenario.ScenarioRunner;
import io.doppel.sim.twin.SimGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The factory pack as a simulation: the assembly line (press 30 s, robots 45 s and 48 s, inspection 24 s, buffers
 * of 8, breakdowns from each machine's mtbfHours/mttrHours) released 90 parts/h, and the pack's example scenario
 * that puts a second robot beside the bottleneck.
 */
class FactorySimulationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSecondRobotAtTheBottleneckRaisesTheLineThroughputWithSeparatedIntervals() throws Exception {
    SimGraph graph = PackGraphs.simGraph(ModelCatalog.of(models()), JSON.readTree(read("graph.json")));
    var def = ScenarioParser.parse(JSON.readTree(read("scenarios/second-robot-at-the-bottleneck.json")));
    ScenarioResult r = new ScenarioRunner(2).run(ScenarioRunner.prepare(graph, def, null), Progress.NONE);

    MetricComparison line = row(r, "network", "throughput");
    double before = line.baseline().mean() * 3600;
    double after = line.scenario().mean() * 3600;
    // the bottleneck robot makes at most 75 parts/h; with two, robot-2 (80 parts/h) limits the line
    assertThat(before).isBetween(66.0, 75.0);
    assertThat(after).isBetween(before + 3, 80.0);
    assertThat(line.verdict()).isEqualTo("better");
    assertThat(line.baseline().high()).isLessThan(line.scenario().low());
    assertThat(row(r, "assembly-robot-3", "utilisation").baseline().mean()).isGreaterThan(0.9);
    assertThat(row(r, "assembly-robot-3", "dropProbability").verdict()).isEqualTo("better");
    assertThat(row(r, "assembly-robot-3", "utilisation").verdict()).isEqualTo("changed");
    assertThat(r.baseline().twins().get("assembly-press-1").get("availability").mean()).isLessThanOrEqualTo(1.0);
  }

  private static MetricComparison row(ScenarioResult r, String scope, String metric) {
    return r.comparison().stream().filter(c -> c.scope().equals(scope) && c.metric().equals(metric)).findFirst()
        .orElseThrow();
  }

  private static java.util.List<io.doppel.model.InterfaceModel> models() throws IOException {
    ParseResult result = ModelParser.withDefaults().parse(java.util.List.of(read("models.json")), ModelResolver.none());
    return switch (result) {
      case ParseResult.Valid valid -> valid.models();
      case ParseResult.Invalid invalid -> throw new AssertionError("factory models are invalid: " + invalid.errors());
    };
  }

  private static String read(String name) throws IOException {
    try (InputStream in = FactorySimulationTest.class.getClassLoader()
        .getResourceAsStream("doppel-examples/factory/" + name)) {
      return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
