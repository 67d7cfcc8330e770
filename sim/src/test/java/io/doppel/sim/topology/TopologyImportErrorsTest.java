package io.doppel.sim.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown shapes and bad values are rejected whole, naming the field or the line; overrides reach the twins. */
class TopologyImportErrorsTest {
  private static final String TWO = """
      {"microservices": [
        {"name": "a", "instances": 1, "capacity": 100, "operations": [
          {"name": "get", "demand": 1, "dependencies": [{"service": "b", "operation": "read"}]}]},
        {"name": "b", "instances": 1, "capacity": 100, "operations": [{"name": "read", "demand": 2}]}]}""";

  @Test
  void aSmallMisimFileImports() {
    TopologyDocument doc = misim(TWO);
    assertThat(doc.twins()).hasSize(3);
    assertThat(TopologySimulationTest.probability(doc, "a-calls-b")).isEqualTo(1.0);
    assertThat(doc.offeredLoad().get("b")).isEqualTo(0.5);
  }

  @Test
  void misimRejectionsNameTheField() {
    rejected(() -> misim(TWO.replace("\"capacity\": 100, \"operations\": [{", "\"capacity\": 100, \"colour\": 1,"
        + " \"operations\": [{")), "microservices[1].colour", "unknown field");
    rejected(() -> misim(TWO.replace("\"read\"}", "\"write\"}")),
        "microservices[0].operations[0].dependencies[0].operation", "no operation 'write'");
    rejected(() -> misim(TWO.replace("\"service\": \"b\"", "\"service\": \"c\"")),
        "microservices[0].operations[0].dependencies[0].service", "no microservice named 'c'");
    rejected(() -> misim(TWO.replace("\"instances\": 1, \"capacity\": 100, \"operations\": [{\"name\": \"read\"",
        "\"instances\": 0, \"capacity\": 100, \"operations\": [{\"name\": \"read\"")), "microservices[1].instances",
        "[1, 100000]");
    rejected(() -> misim(TWO.replace("\"demand\": 2", "\"demand\": -2")), "microservices[1].operations[0].demand",
        "> 0");
    rejected(() -> misim(TWO.replace("\"demand\": 2}", "\"demand\": 2, \"dependencies\": [{\"operation\": \"a.get\"}]}")),
        "microservices[1].operations[0].dependencies[0]", "cycle");
    rejected(() -> misim("{\"microservices\": [\n {\"name\": \"a\",,}]}"), "line 2, column", "not well-formed");
    rejected(() -> misim("[1, 2]"), "(root)", "must be an object");
    rejected(() -> misim("{\"services\": {}}"), "(root).services", "unknown field");
    rejected(() -> TopologyImport.read(TopologyFormat.MISIM, TWO, ImportOptions.defaults().withEntries(List.of("z"))),
        "entries[0]", "no microservice named 'z'");
  }

  @Test
  void composeRejectionsNameTheField() {
    String ok = """
        services:
          web:
            image: nginx
            ports: ["80:80"]
            depends_on: [api]
          api:
            image: shop/api
        """;
    assertThat(compose(ok).twins()).hasSize(3);
    rejected(() -> compose(ok.replace("[api]", "[db]")), "services.web.depends_on[0]", "no service 'db'");
    rejected(() -> compose(ok.replace("services:", "servces:")), "(root).servces", "unknown field");
    rejected(() -> compose("services:\n  web: [1]\n"), "services.web", "must be an object");
    rejected(() -> compose("services:\n  web:\n    image: [\n"), "line", "not well-formed");
    rejected(() -> compose(ok + "    deploy: {replicas: 0}\n"), "services.api.deploy.replicas", "[1, 100000]");
    rejected(() -> compose(ok + "    x-doppel: {meanServiceTme: 3}\n"), "services.api.x-doppel.meanServiceTme",
        "unknown field");
  }

  @Test
  void composeHintsAndOverridesReachTheTwins() {
    TopologyDocument doc = TopologyImport.read(TopologyFormat.COMPOSE, """
        services:
          web:
            ports: ["80:80"]
            environment:
              API_URL: http://shop-api:9090/v1
            links: ["cache:c"]
          api:
            hostname: shop-api
            deploy: {replicas: 3}
            x-doppel: {meanServiceTime: 20, serviceTimeCv: 0.5}
          cache: {}
        """, new ImportOptions(null, 0.6, 2, List.of(), "callers"));
    assertThat(TopologySimulationTest.probability(doc, "web-calls-api")).isEqualTo(0.5);
    assertThat(TopologySimulationTest.probability(doc, "web-calls-cache")).isEqualTo(0.5);
    assertThat(TopologySimulationTest.twin(doc, "api").path("replicas").asInt()).isEqualTo(3);
    assertThat(TopologySimulationTest.twin(doc, "api").path("meanServiceTime").asDouble()).isEqualTo(20);
    assertThat(TopologySimulationTest.twin(doc, "web").path("meanServiceTime").asDouble()).isEqualTo(2);
    assertThat(TopologySimulationTest.twin(doc, "callers").path("arrivalRate").asDouble()).isGreaterThan(0);
    assertThat(doc.notes()).anyMatch(n -> n.contains("services.web.environment.API_URL names api"));
    // web: 1 visit x 2 ms / 1 = 0.002; api: 0.5 x 20 ms / 3 = 0.00333 is the busiest, at the target 0.6
    assertThat(doc.offeredLoad().get("api")).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-9));
  }

  private static TopologyDocument misim(String text) {
    return TopologyImport.read(TopologyFormat.MISIM, text, ImportOptions.defaults());
  }

  private static TopologyDocument compose(String text) {
    return TopologyImport.read(TopologyFormat.COMPOSE, text, ImportOptions.defaults());
  }

  private static void rejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
      String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith(field).contains(message);
    });
  }
}
