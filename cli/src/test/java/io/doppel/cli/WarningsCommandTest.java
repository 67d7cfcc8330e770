package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel warnings} against a real server. */
class WarningsCommandTest {
  private static final String TANK = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Tank;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"level","schema":"double"}]}
      """;
  private static final String EMPTY = """
      {"model":"dtmi:cli:Tank;1","series":"level","below":10,"within":"PT12H","interval":"PT1H"}""";

  @RegisterExtension final CliServer server = CliServer.open();
  private Path dir;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    Files.writeString(dir.resolve("tank.json"), TANK);
    assertThat(server.run("models", "add", dir.resolve("tank.json").toString()).exit()).isZero();
    CliRun twin = server.run("twins", "put", "tank-1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Tank;1\"}}");
    assertThat(twin.exit()).as(twin.err()).isZero();
    // draining 1 an hour from 100, the last value an hour ago: reaches 10 in about 14 hours
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(77));
    for (int hour = 0; hour < 76; hour++) {
      ObjectNode message = ApiClient.MAPPER.createObjectNode().put("level", 100.0 - hour);
      server.get().history().recordTelemetry("tank-1", null, message, start.plus(Duration.ofHours(hour)), null).join();
    }
  }

  @Test
  void putsListsGetsDeletesAndShowsTheWarningsInForce() throws Exception {
    Files.writeString(dir.resolve("empty.json"), EMPTY);
    CliRun put = server.run("warnings", "put", "empty", dir.resolve("empty.json").toString(), "--compact");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().path("below").asDouble()).isEqualTo(10);
    assertThat(server.run("warnings", "list", "--compact").json()).hasSize(1);
    assertThat(server.run("warnings", "get", "empty", "--compact").json().path("within").asText())
        .isEqualTo("PT12H");
    // 14 hours away is beyond 12: nothing in force yet; a day ahead there is
    CliRun wider = server.run("warnings", "put", "empty", EMPTY.replace("PT12H", "PT24H"), "--compact");
    assertThat(wider.exit()).as(wider.err()).isZero();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      CliRun active = server.run("warnings", "active", "--compact");
      assertThat(active.exit()).as(active.err()).isZero();
      assertThat(active.json()).hasSize(1);
    });
    JsonNode w = server.run("warnings", "active", "--twin", "tank-1", "--compact").json().get(0);
    assertThat(w.path("direction").asText()).isEqualTo("below");
    assertThat(w.path("text").asText()).startsWith("level crosses 10 at about ");
    Instant expected = Instant.parse(w.path("expectedAt").asText());
    assertThat(Duration.between(Instant.now(), expected).toHours()).isBetween(10L, 16L);
    CliRun deleted = server.run("warnings", "delete", "empty");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("deleted warning empty");
    CliRun gone = server.run("warnings", "get", "empty");
    assertThat(gone.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(gone.err()).contains("WARNING_NOT_FOUND");
  }

  @Test
  void reportsARefusedDefinitionWithItsField() {
    CliRun bad = server.run("warnings", "put", "empty", EMPTY.replace("\"below\":10", "\"below\":\"low\""));
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("INVALID_ARGUMENT").contains("below");
  }

}
