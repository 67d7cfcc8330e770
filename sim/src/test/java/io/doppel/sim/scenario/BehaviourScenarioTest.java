package io.doppel.sim.scenario;

import static io.doppel.sim.scenario.BehaviourTwins.graph;
import static io.doppel.sim.scenario.BehaviourTwins.run;
import static io.doppel.sim.scenario.ScenarioRunnerTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.doppel.sim.network.Autoscaler;
import io.doppel.sim.network.Network;
import io.doppel.sim.network.Route;
import io.doppel.sim.network.StationSpec;
import io.doppel.sim.twin.NetworkCompiler;
import io.doppel.twin.DoppelException;
import org.junit.jupiter.api.Test;

/** The behaviour co-types, from twin properties through the compiler and the scenario runner to the results. */
class BehaviourScenarioTest {
  private static final String API = "{\"replicas\": 2, \"serviceTime\": 100.0, \"cost\": 1.0";

  @Test
  void mtbfAndMttrGiveTheLongRunAvailabilityAndAShorterRepairImprovesIt() throws Exception {
    var g = graph(API + ", \"mtbf\": 400.0, \"mttr\": 100.0}", "{}");
    ScenarioResult r = run(g, """
        {"horizon": 40000, "warmup": 1000, "replications": 8, "seed": 3,
         "changes": [{"type": "setProperty", "twin": "api", "property": "mttr", "value": 10}]}""");
    Stat base = r.baseline().twins().get("api").get("availability");
    // MTBF / (MTBF + MTTR) = 0.8 in the baseline, 400 / 410 = 0.976 in the scenario
    assertThat(base.low()).isLessThan(0.8);
    assertThat(base.high()).isGreaterThan(0.8);
    assertThat(r.scenario().twins().get("api").get("availability").mean()).isCloseTo(0.976, offset(0.01));
    assertThat(row(r, "api", "availability").verdict()).isEqualTo("better");
    assertThat(row(r, "network", "p99Response").verdict()).isEqualTo("better");
  }

  @Test
  void anAutoscalerAddsReplicasUnderMoreDemandAndTheCostFollows() throws Exception {
    var g = graph(API + ", \"targetUtilisation\": 0.6, \"maxReplicas\": 8}", "{}");
    ScenarioResult r = run(g, """
        {"horizon": 6000, "warmup": 600, "replications": 6, "seed": 5,
         "changes": [{"type": "demand", "factor": 3}]}""");
    // 10/s x 100 ms = 1 busy replica: 2 suffice at 0.6; 30/s needs 5 at 0.6
    Stat base = r.baseline().twins().get("api").get("meanReplicas");
    Stat more = r.scenario().twins().get("api").get("meanReplicas");
    assertThat(base.mean()).isBetween(1.9, 2.6);
    assertThat(more.mean()).isBetween(4.5, 7.0);
    assertThat(row(r, "api", "meanReplicas").verdict()).isEqualTo("changed");
    MetricComparison cost = row(r, "api", "costPerHour");
    assertThat(cost.scenario().mean()).isCloseTo(more.mean(), offset(1e-9));
    assertThat(cost.verdict()).isEqualTo("worse");
    assertThat(r.scenario().twins().get("api").get("utilisation").mean()).isLessThan(0.8);
    var replicas = r.scenario().series().get("api.replicas");
    assertThat(replicas.getFirst()).isLessThan(replicas.getLast());
  }

  @Test
  void timeoutsAndRetriesOnAFlowShowAsRetriesAndTheBreakerOpensWhenTheCalleeFails() throws Exception {
    var g = graph(API + "}", "{\"timeout\": 500.0, \"retries\": 2, \"breakAt\": 0.5}");
    ScenarioResult r = run(g, """
        {"horizon": 3000, "warmup": 100, "replications": 6, "seed": 7,
         "changes": [{"type": "setProperty", "twin": "db", "property": "queue", "value": 5},
                     {"type": "fail", "twin": "db", "start": 1000, "duration": 300}]}""");
    MetricComparison retries = row(r, "api", "retries");
    assertThat(retries.scenario().mean()).isGreaterThan(0.05);
    assertThat(retries.verdict()).isEqualTo("worse");
    MetricComparison openings = row(r, "api", "breakerOpenings");
    assertThat(openings.scenario().mean()).isGreaterThan(openings.baseline().mean() + 1);
    assertThat(openings.verdict()).isEqualTo("worse");
    assertThat(row(r, "api", "callFailureProbability").verdict()).isEqualTo("worse");
    assertThat(row(r, "network", "errorProbability").verdict()).isEqualTo("worse");
  }

  @Test
  void aTransportDelayAddsToTheResponseTime() throws Exception {
    var g = graph(API + "}", "{}");
    ScenarioResult r = run(g, """
        {"horizon": 4000, "warmup": 400, "replications": 6, "seed": 9,
         "changes": [{"type": "setRelationshipProperty", "relationship": "api-db", "property": "delay",
                      "value": 250}]}""");
    MetricComparison response = row(r, "network", "meanResponse");
    assertThat(response.difference()).isCloseTo(0.25, offset(0.02));
    assertThat(response.verdict()).isEqualTo("worse");
  }

  @Test
  void anInventoryInFrontOfAStationLosesSalesUntilItsReorderPointCoversTheLeadTime() throws Exception {
    // 10 units/s and a 5 s mean lead time: a reorder point of 20 runs out before most deliveries; 250 only
    // when the lead time passes 25 s (probability e^-5)
    var g = graph(API + ", \"stock\": {\"reorderPoint\": 20, \"level\": 200, \"leadTime\": 5.0}}", "{}");
    ScenarioResult r = run(g, """
        {"horizon": 4000, "warmup": 400, "replications": 6, "seed": 11,
         "changes": [{"type": "setProperty", "twin": "api", "property": "stock",
                      "value": {"reorderPoint": 250, "level": 600, "leadTime": 5.0}}]}""");
    MetricComparison fill = row(r, "api", "fillRate");
    assertThat(fill.baseline().mean()).isLessThan(0.99);
    assertThat(fill.scenario().mean()).isGreaterThan(0.98);
    assertThat(fill.verdict()).isEqualTo("better");
    assertThat(row(r, "api", "meanStock").verdict()).isEqualTo("changed");
    assertThat(row(r, "api", "errorProbability").verdict()).isEqualTo("better");
    assertThat(r.baseline().twins().get("db")).doesNotContainKey("fillRate");
  }

  @Test
  void timingPropertiesReplaceTheDefaultsOfAutoscalerRetriesAndBreaker() {
    var defaults = NetworkCompiler.compile(graph(API + ", \"targetUtilisation\": 0.6, \"maxReplicas\": 8}",
        "{\"retries\": 2, \"breakAt\": 0.5}")).network();
    var given = NetworkCompiler.compile(graph(API + ", \"targetUtilisation\": 0.6, \"maxReplicas\": 8,"
        + " \"scaleEvery\": 5.0, \"bootTime\": 2.0}", "{\"retries\": 2, \"backoff\": 250.0, \"breakAt\": 0.5,"
        + " \"breakerCalls\": 50, \"openFor\": 4.0}")).network();
    Autoscaler before = station(defaults, "api").autoscaler();
    Autoscaler after = station(given, "api").autoscaler();
    assertThat(before.interval()).isEqualTo(30);
    assertThat(before.provisioningDelay()).isEqualTo(30);
    assertThat(after.interval()).isEqualTo(5);
    assertThat(after.provisioningDelay()).isEqualTo(120); // 2 minutes
    Route route = route(given, "api", "db");
    assertThat(route.call().backoff().mean()).isCloseTo(0.25, offset(1e-12));
    assertThat(route.breaker().calls()).isEqualTo(50);
    assertThat(route.breaker().openFor()).isEqualTo(4);
    assertThat(route(defaults, "api", "db").breaker().calls()).isEqualTo(20);
  }

  @Test
  void aFasterAutoscalerKeepsResponseTimesLowerThroughASurge() throws Exception {
    // demand triples for 600 s: checking every 5 s with a 5 s boot catches up far sooner than 30 s and 30 s
    var g = graph(API + ", \"targetUtilisation\": 0.6, \"maxReplicas\": 8}", "{}");
    String surge = "{\"type\": \"demand\", \"factor\": 3, \"start\": 1000, \"duration\": 600}";
    String run = "{\"horizon\": 2400, \"warmup\": 200, \"replications\": 6, \"seed\": 13, \"changes\": [%s]}";
    ScenarioResult slow = run(g, run.formatted(surge));
    ScenarioResult fast = run(g, run.formatted(surge + ", {\"type\": \"setProperty\", \"twin\": \"api\","
        + " \"property\": \"scaleEvery\", \"value\": 5}, {\"type\": \"setProperty\", \"twin\": \"api\","
        + " \"property\": \"bootTime\", \"value\": 0.0833}"));
    Stat slowP99 = slow.scenario().twins().get("api").get("p99Response");
    Stat fastP99 = fast.scenario().twins().get("api").get("p99Response");
    assertThat(fastP99.high()).isLessThan(slowP99.low());
  }

  @Test
  void blockWhenFullHoldsTheCallerInsteadOfDroppingTheRequest() throws Exception {
    // db: 1 replica of 40 ms at 10/s with no waiting place drops the requests that find it busy (Erlang B: 0.29);
    // blocking keeps them on the api's servers instead: no drops at db, and the api's servers are busier
    var g = graph(API + "}", "{}");
    ScenarioResult r = run(g, """
        {"horizon": 3000, "warmup": 100, "replications": 6, "seed": 15,
         "changes": [{"type": "setProperty", "twin": "db", "property": "queue", "value": 0}]}""");
    ScenarioResult blocked = run(g, """
        {"horizon": 3000, "warmup": 100, "replications": 6, "seed": 15,
         "changes": [{"type": "setProperty", "twin": "db", "property": "queue", "value": 0},
                     {"type": "setProperty", "twin": "db", "property": "blocking", "value": true}]}""");
    assertThat(r.scenario().twins().get("db").get("errorProbability").mean()).isGreaterThan(0.2);
    assertThat(blocked.scenario().twins().get("db").get("errorProbability").mean()).isZero();
    assertThat(blocked.scenario().twins().get("api").get("utilisation").mean())
        .isGreaterThan(r.scenario().twins().get("api").get("utilisation").mean());
  }

  private static StationSpec station(Network net, String id) {
    return net.stations().get(net.stationIndex(id));
  }

  private static Route route(Network net, String from, String to) {
    return net.routes().stream().filter(x -> x.from().equals(from) && x.to().equals(to)).findFirst().orElseThrow();
  }

  @Test
  void badBehaviourPropertiesAreRejectedNamingTwinOrRelationshipAndProperty() {
    assertRejected(API + ", \"mtbf\": 100.0}", "{}", "twins[api].mtbf");
    assertRejected(API + ", \"mtbf\": -1.0, \"mttr\": 5.0}", "{}", "twins[api].mtbf");
    assertRejected(API + ", \"targetUtilisation\": 1.5, \"maxReplicas\": 4}", "{}", "twins[api].targetUtilisation");
    assertRejected(API + ", \"targetUtilisation\": 0.5, \"maxReplicas\": 1}", "{}", "twins[api].maxReplicas");
    assertRejected(API + ", \"maxReplicas\": 4}", "{}", "twins[api].maxReplicas");
    assertRejected(API + "}", "{\"retries\": -1}", "relationships[api-db].retries");
    assertThatThrownBy(() -> run(graph(API + "}", "{}"), """
        {"replications": 2, "horizon": 10, "changes": [{"type": "setRelationshipProperty",
         "relationship": "api-db", "property": "retries", "value": 1.5}]}""")).isInstanceOfSatisfying(
        DoppelException.class, e -> assertThat(e.getMessage()).startsWith("relationships[api-db].retries:"));
    assertRejected(API + "}", "{\"breakAt\": 0}", "relationships[api-db].breakAt");
    assertRejected(API + "}", "{\"timeout\": 0}", "relationships[api-db].timeout");
    assertRejected(API + "}", "{\"delay\": -5}", "relationships[api-db].delay");
    assertRejected(API + ", \"targetUtilisation\": 0.5, \"maxReplicas\": 4, \"scaleEvery\": 0.0}", "{}",
        "twins[api].scaleEvery");
    assertRejected(API + ", \"targetUtilisation\": 0.5, \"maxReplicas\": 4, \"bootTime\": -1.0}", "{}",
        "twins[api].bootTime");
    assertThatThrownBy(() -> run(graph(API + "}", "{}"), """
        {"replications": 2, "horizon": 10, "changes": [{"type": "setProperty", "twin": "db",
         "property": "blocking", "value": "yes"}]}""")).isInstanceOfSatisfying(
        DoppelException.class, e -> assertThat(e.getMessage()).startsWith("twins[db].blocking:"));
    assertRejected(API + "}", "{\"retries\": 1, \"backoff\": -1.0}", "relationships[api-db].backoff");
    assertRejected(API + "}", "{\"breakAt\": 0.5, \"breakerCalls\": 0}", "relationships[api-db].breakerCalls");
    assertRejected(API + "}", "{\"breakAt\": 0.5, \"openFor\": 0.0}", "relationships[api-db].openFor");
    assertRejected(API + ", \"stock\": {\"reorderPoint\": 20, \"level\": 10, \"leadTime\": 5.0}}", "{}",
        "twins[api].stock.level");
    assertRejected(API + ", \"stock\": {\"reorderPoint\": 20, \"level\": 50}}", "{}", "twins[api].stock.leadTime");
    assertRejected(API + ", \"stock\": {\"policy\": \"jit\", \"reorderPoint\": 2, \"level\": 5, \"leadTime\": 1.0}}",
        "{}", "twins[api].stock.policy");
  }

  private static void assertRejected(String api, String apiDb, String field) {
    assertThatThrownBy(() -> run(graph(api, apiDb), "{\"replications\": 2, \"horizon\": 10}"))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.getMessage()).startsWith(field + ":"));
  }
}
