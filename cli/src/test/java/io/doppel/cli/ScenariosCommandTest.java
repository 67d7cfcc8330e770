package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/** {@code doppel scenarios} against a real server with the demo twin. */
class ScenariosCommandTest {
  private DoppelServer server;
  private String url;
  private Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.MAPPER.readTree(out);
    }
  }

  @BeforeEach
  void start(@TempDir Path temp) {
    dir = temp;
    server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true));
    url = server.baseUri().toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void putRunAndCompareWithAProgressBarAndATable() throws Exception {
    Path file = dir.resolve("scale-out.json");
    Files.writeString(file, """
        {"horizon": 300, "warmup": 30, "replications": 3, "seed": 4,
         "changes": [{"type": "setProperty", "twin": "web-frontend", "property": "replicas", "value": 8}]}""");
    Run put = run("scenarios", "put", file.toString(), "--url", url, "--compact");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().path("id").asText()).isEqualTo("scale-out");
    assertThat(run("scenarios", "list", "--url", url, "--compact").json()).hasSize(1);
    assertThat(run("scenarios", "get", "scale-out", "--version", "1", "--url", url, "--compact").json()
        .path("definition").path("seed").asInt()).isEqualTo(4);

    Run result = run("scenarios", "run", "scale-out", "--url", url);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).contains("replications [").contains("100% 6/6");
    assertThat(result.out()).contains("baseline vs scenario").contains("verdict");
    String line = result.out().lines().filter(l -> l.startsWith("web-frontend") && l.contains(" meanResponse "))
        .findFirst().orElseThrow();
    assertThat(line).endsWith("better");
    assertThat(result.out()).contains("costPerHour");

    Run started = run("scenarios", "run", "scale-out", "--no-wait", "--url", url, "--compact");
    String id = started.json().path("id").asText();
    Run status;
    do {
      Thread.sleep(100);
      status = run("scenarios", "result", "scale-out", id, "--json", "--url", url, "--compact");
    } while (!status.json().path("status").asText().equals("done"));
    assertThat(status.json().path("result").path("comparison").size()).isGreaterThan(100);

    Run gone = run("scenarios", "result", "scale-out", "no-such-run", "--url", url);
    assertThat(gone.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(gone.err()).contains("SCENARIO_RUN_NOT_FOUND");
    assertThat(run("scenarios", "delete", "scale-out", "--url", url).out()).contains("deleted scale-out");
  }

  @Test
  void aChangeToAMissingTwinIsRejectedNamingIt() throws Exception {
    Path file = dir.resolve("ghost.json");
    Files.writeString(file, "{\"changes\": [{\"type\": \"removeTwin\", \"twin\": \"ghost\"}]}");
    assertThat(run("scenarios", "put", file.toString(), "--url", url).exit()).isZero();
    Run bad = run("scenarios", "run", "ghost", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("INVALID_ARGUMENT").contains("changes[0].twin");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
