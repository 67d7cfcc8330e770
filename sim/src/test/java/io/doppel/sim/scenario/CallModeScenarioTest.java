package io.doppel.sim.scenario;

import static io.doppel.sim.scenario.ScenarioRunnerTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.sim.network.FanOut;
import io.doppel.sim.network.Route;
import io.doppel.sim.network.StationSpec;
import io.doppel.sim.twin.CompiledNetwork;
import io.doppel.sim.twin.NetworkCompiler;
import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.DoppelException;
import io.doppel.twin.TwinEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls in the DTDL extension: a gateway's {@code SimFlow}s with a {@code CallMode} are calls it waits for, one
 * after another or in parallel, joined at its {@code JoinCount}; a scenario turns sequential calls parallel.
 */
class CallModeScenarioTest {
  private static final String CONTEXT = """
      "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1", "dtmi:io:doppel:sim;1"]""";
  private static final List<String> MODELS = List.of("""
      {%s, "@id": "dtmi:gw:Users;1", "@type": ["Interface", "SimSource"], "contents": [
        {"@type": ["Property", "ArrivalRate"], "name": "rate", "schema": "double"},
        {"@type": ["Relationship", "SimFlow"], "name": "sends", "properties": [
          {"@type": ["Property", "CallMode"], "name": "mode", "schema": "string"}]}]}""".formatted(CONTEXT), """
      {%s, "@id": "dtmi:gw:Service;1", "@type": ["Interface", "SimStation"], "contents": [
        {"@type": ["Property", "TimeSpan", "MeanServiceTime"], "name": "serviceTime", "schema": "double",
         "unit": "millisecond"},
        {"@type": ["Property", "JoinCount"], "name": "join", "schema": "integer"},
        {"@type": ["Relationship", "SimFlow"], "name": "calls", "properties": [
          {"@type": ["Property", "CallProbability"], "name": "p", "schema": "double"},
          {"@type": ["Property", "CallMode"], "name": "mode", "schema": "string"}]}]}""".formatted(CONTEXT));

  /** Users at 5/s into a 1 ms gateway that calls two 100 ms services (M/M/1 each, rho 0.5) with these flows. */
  private static SimGraph graph(String gateway, String toA, String toB) {
    try (TwinEngine engine = TwinEngine.inMemory()) {
      engine.addModels(MODELS);
      ShopTwins.twin(engine, "users", "dtmi:gw:Users;1", "{\"rate\": 5.0}");
      ShopTwins.twin(engine, "gateway", "dtmi:gw:Service;1", gateway);
      ShopTwins.twin(engine, "a", "dtmi:gw:Service;1", "{\"serviceTime\": 100.0}");
      ShopTwins.twin(engine, "b", "dtmi:gw:Service;1", "{\"serviceTime\": 100.0}");
      ShopTwins.rel(engine, "users", "users-gateway", "gateway", "sends", "{}");
      ShopTwins.rel(engine, "gateway", "gateway-a", "a", "calls", toA);
      ShopTwins.rel(engine, "gateway", "gateway-b", "b", "calls", toB);
      try (var snapshot = engine.snapshot()) {
        return SimGraph.capture(snapshot);
      }
    }
  }

  private static final String GATEWAY = "{\"serviceTime\": 1.0}";
  private static final String SEQUENTIAL = "{\"mode\": \"sequential\"}";
  private static final String PARALLEL = "{\"mode\": \"parallel\"}";

  @Test
  void callFlowsCompileToSynchronousRoutesAndAFanOut() {
    CompiledNetwork c = NetworkCompiler.compile(graph("{\"serviceTime\": 1.0, \"join\": 1}", PARALLEL,
        "{\"mode\": \"parallel\", \"p\": 0.5}"));
    StationSpec gateway = c.network().stations().get(c.network().stationIndex("gateway"));
    assertThat(gateway.fanOut()).isEqualTo(new FanOut(1));
    assertThat(c.network().routes()).filteredOn(Route::synchronous).extracting(Route::to, Route::probability)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1.0), org.assertj.core.groups.Tuple.tuple("b", 0.5));
    // the calls are not hand-offs: the gateway's requests leave after them; b receives half of the 5/s
    assertThat(c.offeredLoad().get("b")).isCloseTo(2.5 * 0.1, org.assertj.core.data.Offset.offset(1e-9));
    var sequential = NetworkCompiler.compile(graph(GATEWAY, SEQUENTIAL, SEQUENTIAL)).network();
    assertThat(sequential.stations().get(sequential.stationIndex("gateway")).fanOut()).isNull();
  }

  /**
   * Sequential: the client waits W_gateway + W_a + W_b (each service an M/M/1 at rho 0.5 by Burke); parallel: the
   * gateway plus the two-queue fork-join, (12 - rho) / 8 / (mu - lambda) (Flatto and Hahn).
   */
  @Test
  void aScenarioMakesTheCallsParallelAndTheLatencyDropsToTheForkJoin() throws Exception {
    ScenarioResult r = new ScenarioRunner(2).run(ScenarioRunner.prepare(graph(GATEWAY, SEQUENTIAL, SEQUENTIAL),
        ScenarioParser.parse(ShopTwins.JSON.readTree("""
            {"horizon": 20000, "warmup": 200, "replications": 6, "seed": 21, "changes": [
              {"type": "setRelationshipProperty", "relationship": "gateway-a", "property": "mode", "value": "parallel"},
              {"type": "setRelationshipProperty", "relationship": "gateway-b", "property": "mode",
               "value": "parallel"}]}""")), null), Progress.NONE);
    MetricComparison latency = row(r, "network", "meanResponse");
    double gateway = 1 / (1000.0 - 5);
    double branch = 1 / (10.0 - 5);
    assertThat(latency.baseline().low()).isLessThan(gateway + 2 * branch);
    assertThat(latency.baseline().high()).isGreaterThan(gateway + 2 * branch);
    double forkJoin = gateway + (12 - 0.5) / 8 * branch;
    assertThat(latency.scenario().low()).isLessThan(forkJoin);
    assertThat(latency.scenario().high()).isGreaterThan(forkJoin);
  }

  @Test
  void badCallFlowsAreRejectedNamingTheField() {
    assertRejected(graph(GATEWAY, SEQUENTIAL, PARALLEL), "relationships[gateway-b].mode");
    assertRejected(graph(GATEWAY, SEQUENTIAL, "{\"mode\": \"async\"}"), "relationships[gateway-b].mode");
    assertRejected(graph("{\"serviceTime\": 1.0, \"join\": 3}", PARALLEL, PARALLEL), "twins[gateway].join");
    assertRejected(graph("{\"serviceTime\": 1.0, \"join\": 1}", SEQUENTIAL, SEQUENTIAL), "twins[gateway].join");
    try (TwinEngine engine = TwinEngine.inMemory()) {
      engine.addModels(MODELS);
      ShopTwins.twin(engine, "users", "dtmi:gw:Users;1", "{\"rate\": 5.0}");
      ShopTwins.twin(engine, "a", "dtmi:gw:Service;1", "{\"serviceTime\": 100.0}");
      ShopTwins.rel(engine, "users", "users-a", "a", "sends", PARALLEL);
      try (var snapshot = engine.snapshot()) {
        assertRejected(SimGraph.capture(snapshot), "relationships[users-a].mode");
      }
    }
  }

  private static void assertRejected(SimGraph graph, String field) {
    assertThatThrownBy(() -> NetworkCompiler.compile(graph)).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.getMessage()).startsWith(field + ":"));
  }
}
