package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel rules} and {@code doppel alerts} against a real server. */
class RulesCommandsTest {
  private static final String ROOM = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Room;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"temperature","schema":"double","writable":true}]}
      """;
  private static final String HOT = """
      {"kind":"alert","model":"dtmi:cli:Room;1","condition":"temperature > 30","clear":"temperature < 28"}""";

  private DoppelServer server;
  private String url;
  private Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.MAPPER.readTree(out);
    }
  }

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    server = DoppelServer.start(ServerConfig.ephemeral());
    url = server.baseUri().toString();
    Files.writeString(dir.resolve("room.json"), ROOM);
    assertThat(run("models", "add", dir.resolve("room.json").toString(), "--url", url).exit()).isZero();
    Run twin = run("twins", "put", "r1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Room;1\"},\"temperature\":35}",
        "--url", url);
    assertThat(twin.exit()).as(twin.err()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void addsListsShowsAndDeletesRulesAndListsAlerts() throws Exception {
    Files.writeString(dir.resolve("hot.json"), HOT);
    Run added = run("rules", "add", "hot", dir.resolve("hot.json").toString(), "--url", url, "--compact");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.json().path("condition").asText()).isEqualTo("temperature > 30");
    await().untilAsserted(() -> {
      Run alerts = run("alerts", "--state", "active", "--url", url, "--compact");
      assertThat(alerts.exit()).as(alerts.err()).isZero();
      assertThat(alerts.json()).hasSize(1);
      assertThat(alerts.json().get(0).path("twin").asText()).isEqualTo("r1");
    });
    Run list = run("rules", "list", "--url", url, "--compact");
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().get(0).path("stats").path("raised").asLong()).isEqualTo(1);
    Run show = run("rules", "show", "hot", "--url", url, "--compact");
    assertThat(show.json().path("clear").asText()).isEqualTo("temperature < 28");
    assertThat(run("alerts", "--rule", "other", "--url", url, "--compact").json()).isEmpty();
    Run deleted = run("rules", "delete", "hot", "--url", url);
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(run("rules", "show", "hot", "--url", url).exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
  }

  @Test
  void reportsARefusedRuleWithItsFieldAndPosition() {
    Run bad = run("rules", "add", "hot", HOT.replace("temperature > 30", "temperature >"), "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("RULE_INVALID").contains("condition at 1:14");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
