package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doppel import topology} on the real MiSim and DeathStarBench files: printed as an import document, applied
 * to a real server on a random port, and simulated there through {@code /scenarios}.
 */
class ImportTopologyCommandTest {
  @RegisterExtension final CliServer server = CliServer.open();
  private Path dir;

  @BeforeEach
  void start(@TempDir Path temp) {
    dir = temp;
  }

  @Test
  void importsTheMisimPaperArchitectureAndRunsAScenarioOnIt() throws Exception {
    Path file = topology("misim-paper_architecture.json");
    CliRun applied = server.run("import", "topology", "--format", "misim", file.toString(), "--apply",
        "--compact");
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.json().path("modelsAdded").asInt()).isEqualTo(2);
    assertThat(applied.json().path("twins").asInt()).isEqualTo(4);
    assertThat(applied.json().path("arrivalRate").asDouble()).isCloseTo(8.0, within(1e-9));
    CliRun twin = server.run("twins", "get", "service1", "--compact");
    assertThat(twin.json().path("replicas").asInt()).isEqualTo(2);
    // a second import finds the models loaded and replaces the twins
    CliRun again = server.run("import", "topology", "--format", "misim", file.toString(), "--apply",
        "--compact");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().path("modelsAdded").asInt()).isZero();

    Path scenario = dir.resolve("scale-service1.json");
    Files.writeString(scenario, """
        {"horizon": 2000, "warmup": 200, "replications": 3, "seed": 5,
         "changes": [{"type": "setProperty", "twin": "service1", "property": "replicas", "value": 4}]}""");
    assertThat(server.run("scenarios", "put", scenario.toString()).exit()).isZero();
    CliRun started = server.run("scenarios", "run", "scale-service1", "--no-wait", "--compact");
    assertThat(started.exit()).as(started.err()).isZero();
    String id = started.json().path("id").asText();
    CliRun status;
    int polls = 0;
    do {
      Thread.sleep(100);
      status = server.run("scenarios", "result", "scale-service1", id, "--json", "--compact");
    } while (!status.json().path("status").asText().equals("done") && ++polls < 3000);
    assertThat(status.json().path("status").asText()).as(status.out()).isEqualTo("done");
    JsonNode util = row(status.json().path("result").path("comparison"), "service1", "utilisation");
    assertThat(util.path("baseline").path("mean").asDouble()).isCloseTo(0.5, within(0.05));
    assertThat(util.path("scenario").path("mean").asDouble()).isCloseTo(0.25, within(0.03));
    assertThat(row(status.json().path("result").path("comparison"), "service1", "meanResponse")
        .path("verdict").asText()).isEqualTo("better");
  }

  @Test
  void printsTheDeathStarBenchImportDocumentWithItsDefaultsOverridable() throws Exception {
    Path file = topology("deathstarbench-socialNetwork-docker-compose.yml");
    CliRun printed = run("import", "topology", "--format", "compose", file.toString(), "--service-time", "2",
        "--compact");
    assertThat(printed.exit()).as(printed.err()).isZero();
    JsonNode doc = printed.json();
    assertThat(doc.path("models")).hasSize(2);
    assertThat(doc.path("twins")).hasSize(28);
    assertThat(doc.path("twins").get(1).path("meanServiceTime").asDouble()).isEqualTo(2.0);
    assertThat(doc.path("simulation").path("offeredLoad").path("jaeger-agent").asDouble())
        .isCloseTo(0.5, within(1e-9));
    assertThat(server.run("twins", "list", "--compact").out()).doesNotContain("jaeger-agent");
  }

  @Test
  void aBadFileIsRejectedNamingTheFieldAndNothingIsApplied() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"microservices": [{"name": "a", "capacity": 10, "operations": [
          {"name": "x", "demand": 1, "dependencies": [{"service": "ghost", "operation": "y"}]}]}]}""");
    CliRun bad = server.run("import", "topology", "--format", "misim", file.toString(), "--apply");
    assertThat(bad.exit()).isEqualTo(CliFailure.BAD_INPUT);
    assertThat(bad.err()).contains("microservices[0].operations[0].dependencies[0].service")
        .contains("no microservice named 'ghost'");
    assertThat(server.run("models", "list", "--compact").json()).isEmpty();
    CliRun format = run("import", "topology", "--format", "helm", file.toString());
    assertThat(format.exit()).isEqualTo(CliFailure.BAD_INPUT);
    assertThat(format.err()).contains("format: must be misim or compose");
  }

  private static JsonNode row(JsonNode comparison, String scope, String metric) {
    for (JsonNode row : comparison) {
      if (row.path("scope").asText().equals(scope) && row.path("metric").asText().equals(metric)) {
        return row;
      }
    }
    throw new AssertionError("no row " + scope + " " + metric + " in " + comparison);
  }

  private static Path topology(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/data/topologies").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/data/topologies/" + name);
  }

}
