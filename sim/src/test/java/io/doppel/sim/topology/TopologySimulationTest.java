package io.doppel.sim.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.network.NetworkMetric;
import io.doppel.sim.network.Simulation;
import io.doppel.sim.network.SimulationConfig;
import io.doppel.sim.network.SimulationResult;
import io.doppel.sim.network.StationMetric;
import io.doppel.sim.stats.Estimate;
import io.doppel.sim.twin.CompiledNetwork;
import io.doppel.sim.twin.NetworkCompiler;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The real MiSim and DeathStarBench files imported, compiled with {@link NetworkCompiler} and simulated: the
 * imported parameters are the ones the files imply, and at the default load every service's simulated utilisation
 * is finite, below 1 and matches its offered load.
 */
class TopologySimulationTest {
  @Test
  void theMisimExampleHasItsOperationMixAsCallProbabilities() {
    TopologyDocument doc = TopologyImport.read(TopologyFormat.MISIM, Topologies.read(Topologies.MISIM_EXAMPLE),
        ImportOptions.defaults());
    assertThat(ids(doc.twins(), "$dtId")).containsExactly("clients", "gateway", "example-service",
        "example-service2");
    assertThat(twin(doc, "example-service").path("replicas").asInt()).isEqualTo(2);
    // gateway: every operation has demand 1 on a capacity of 40000 per second
    assertThat(twin(doc, "gateway").path("meanServiceTime").asDouble()).isCloseTo(1000.0 / 40_000, within(1e-12));
    // example-service: DB_WRITE 5, DB_READ 7 and two calls of 1, each reached by one gateway operation in six
    assertThat(twin(doc, "example-service").path("meanServiceTime").asDouble())
        .isCloseTo(1000 * 3.5 / 20_000, within(1e-12));
    assertThat(probability(doc, "gateway-calls-example-service")).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(probability(doc, "gateway-calls-example-service2")).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(probability(doc, "example-service-calls-example-service2")).isCloseTo(0.25, within(1e-12));
    assertThat(probability(doc, "clients-sends-gateway")).isEqualTo(1.0);
    assertThat(doc.notes()).anyMatch(n -> n.contains("retry") && n.contains("not simulated"));
    // example-service is the busiest: 4/6 visits x 0.175 ms / 2 replicas per request
    assertThat(doc.arrivalRate()).isCloseTo(0.5 / (4.0 / 6 * 0.000175 / 2), within(1e-6));

    assertThat(doc.offeredLoad().get("example-service")).isCloseTo(0.5, within(1e-9));
    SimulationResult result = simulate(doc, 20, 5);
    assertStable(doc, result);
    assertThat(result.network(NetworkMetric.THROUGHPUT).mean()).isCloseTo(doc.arrivalRate(),
        within(doc.arrivalRate() * 0.02));
  }

  @Test
  void theMisimPaperArchitectureSimulatesAtItsDefaultLoad() {
    TopologyDocument doc = TopologyImport.read(TopologyFormat.MISIM, Topologies.read(Topologies.MISIM_PAPER),
        ImportOptions.defaults());
    // service1: demand 10 on capacity 80 = 125 ms on each of 2 instances; the busiest, so 8 requests/s gives 0.5
    assertThat(twin(doc, "service1").path("meanServiceTime").asDouble()).isCloseTo(125.0, within(1e-9));
    assertThat(probability(doc, "service1-calls-service2")).isEqualTo(0.75);
    assertThat(doc.arrivalRate()).isCloseTo(8.0, within(1e-9));
    assertThat(doc.notes()).anyMatch(n -> n.contains("network_latency"))
        .anyMatch(n -> n.contains("autoscaling") && n.contains("service1"));
    assertStable(doc, simulate(doc, 3_000, 4));

    TopologyDocument busier = TopologyImport.read(TopologyFormat.MISIM, Topologies.read(Topologies.MISIM_PAPER),
        ImportOptions.defaults().withRate(12.0));
    assertThat(busier.offeredLoad().get("service1")).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void deathStarBenchSocialNetworkHasItsServicesAndStartUpDependencies() {
    TopologyDocument doc = TopologyImport.read(TopologyFormat.COMPOSE, Topologies.read(Topologies.DEATHSTAR),
        ImportOptions.defaults());
    assertThat(doc.twins()).hasSize(28);
    long dependsOn = StreamSupport.stream(doc.relationships().spliterator(), false)
        .filter(r -> r.path("$relationshipName").asText().equals("dependsOn")).count();
    assertThat(dependsOn).isEqualTo(19);
    // published ports: the clients call these four
    assertThat(StreamSupport.stream(doc.relationships().spliterator(), false)
        .filter(r -> r.path("$sourceId").asText().equals("clients")).map(r -> r.path("$targetId").asText()))
        .containsExactlyInAnyOrder("post-storage-service", "nginx-thrift", "media-frontend", "jaeger-agent");
    assertThat(probability(doc, "social-graph-service-dependsOn-social-graph-mongodb")).isEqualTo(0.5);
    assertThat(doc.relationships().findValues("condition")).allMatch(c -> c.asText().equals("service_started"));
    assertThat(twin(doc, "user-service").path("meanServiceTime").asDouble())
        .isEqualTo(ImportOptions.DEFAULT_SERVICE_TIME_MS);
    assertThat(doc.notes()).anyMatch(n -> n.contains("no timing data"));
    // jaeger-agent receives 7/8 of all requests (a quarter directly, the rest via the services tracing to it)
    assertThat(doc.offeredLoad().get("jaeger-agent")).isCloseTo(0.5, within(1e-9));
    assertThat(doc.arrivalRate()).isCloseTo(0.5 / (0.875 * 0.005), within(1e-6));
    assertStable(doc, simulate(doc, 200, 4));
  }

  /**
   * The imported service model carries the call mode: turning the example's example-service calls into calls it
   * waits for keeps every service's load (a call with probability p brings its callee p of the caller's requests,
   * as the hand-off did) and makes example-service's handling time span its callee's.
   */
  @Test
  void importedCallsCanBeMadeSynchronous() {
    TopologyDocument doc = TopologyImport.read(TopologyFormat.MISIM, Topologies.read(Topologies.MISIM_EXAMPLE),
        ImportOptions.defaults());
    for (JsonNode r : doc.relationships()) {
      if (r.path("$sourceId").asText().equals("example-service")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("callMode", "parallel");
      }
    }
    SimulationResult result = simulate(doc, 3_000, 4);
    assertStable(doc, result);
    assertThat(result.station("example-service", StationMetric.MEAN_HANDLING_TIME).mean())
        .isGreaterThan(result.station("example-service", StationMetric.MEAN_RESPONSE).mean());
  }

  private static SimulationResult simulate(TopologyDocument doc, double horizon, int replications) {
    CompiledNetwork compiled = NetworkCompiler.compile(doc.simGraph());
    assertThat(compiled.warnings()).isEmpty();
    return Simulation.run(compiled.network(), SimulationConfig.of(horizon).withWarmup(horizon / 10)
        .withReplications(replications).withSeed(7));
  }

  /** Every replication ended normally; every service's utilisation is finite, below 1, at its offered load. */
  private static void assertStable(TopologyDocument doc, SimulationResult result) {
    assertThat(result.complete()).isTrue();
    assertThat(Double.isFinite(result.network(NetworkMetric.MEAN_RESPONSE).mean())).isTrue();
    doc.offeredLoad().forEach((id, rho) -> {
      Estimate u = result.station(id, StationMetric.UTILISATION);
      assertThat(u.mean()).as(id).isFinite().isLessThan(1.0).isCloseTo(rho, within(Math.max(0.03, rho * 0.05)));
      assertThat(result.station(id, StationMetric.MEAN_QUEUE_LENGTH).mean()).as(id).isFinite();
    });
  }

  static JsonNode twin(TopologyDocument doc, String id) {
    return StreamSupport.stream(doc.twins().spliterator(), false).filter(t -> t.path("$dtId").asText().equals(id))
        .findFirst().orElseThrow(() -> new AssertionError("no twin " + id));
  }

  static double probability(TopologyDocument doc, String relationship) {
    return StreamSupport.stream(doc.relationships().spliterator(), false)
        .filter(r -> r.path("$relationshipId").asText().equals(relationship)).findFirst()
        .orElseThrow(() -> new AssertionError("no relationship " + relationship)).path("callProbability").asDouble();
  }

  private static java.util.List<String> ids(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
  }
}
