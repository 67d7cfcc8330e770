package io.doppel.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.model.InterfaceModel;
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
import java.util.List;
import java.util.Objects;

/** Runs a pack's example scenario ({@code doppel-examples/<pack>/scenarios/<name>.json}) on the pack's own graph. */
final class PackScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PackScenarios() {}

  static ScenarioResult run(String pack, String scenario) throws IOException, InterruptedException {
    SimGraph graph = PackGraphs.simGraph(ModelCatalog.of(models(pack)), JSON.readTree(read(pack, "graph.json")));
    var def = ScenarioParser.parse(JSON.readTree(read(pack, "scenarios/" + scenario + ".json")));
    return new ScenarioRunner(2).run(ScenarioRunner.prepare(graph, def, null), Progress.NONE);
  }

  /** The comparison row of a metric for a twin, or for {@code network}. */
  static MetricComparison row(ScenarioResult r, String scope, String metric) {
    return r.comparison().stream().filter(c -> c.scope().equals(scope) && c.metric().equals(metric)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + scope + " " + metric + " in the comparison"));
  }

  private static List<InterfaceModel> models(String pack) throws IOException {
    ParseResult result = ModelParser.withDefaults().parse(List.of(read(pack, "models.json")), ModelResolver.none());
    return switch (result) {
      case ParseResult.Valid valid -> valid.models();
      case ParseResult.Invalid invalid -> throw new AssertionError(pack + " models are invalid: " + invalid.errors());
    };
  }

  private static String read(String pack, String name) throws IOException {
    try (InputStream in = PackScenarios.class.getClassLoader()
        .getResourceAsStream("doppel-examples/" + pack + "/" + name)) {
      return new String(Objects.requireNonNull(in, pack + "/" + name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
