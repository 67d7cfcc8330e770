package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel scenarios} against a real server with the demo twin. */
class ScenariosCommandTest {
  @RegisterExtension final CliServer server = CliServer.of(() -> ServerConfig.ephemeral().withDemo(true));
  private Path dir;

  @BeforeEach
  void start(@TempDir Path temp) {
    dir = temp;
  }

  @Test
  void putRunAndCompareWithAProgressBarAndATable() throws Exception {
    Path file = dir.resolve("scale-out.json");
    Files.writeString(file, """
        {"horizon": 300, "warmup": 30, "replications": 3, "seed": 4,
         "changes": [{"type": "setProperty", "twin": "web-frontend", "property": "replicas", "value": 8}]}""");
    CliRun put = server.run("scenarios", "put", file.toString(), "--compact");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().path("id").asText()).isEqualTo("scale-out");
    assertThat(server.run("scenarios", "list", "--compact").json()).hasSize(1);
    assertThat(server.run("scenarios", "get", "scale-out", "--version", "1", "--compact").json()
        .path("definition").path("seed").asInt()).isEqualTo(4);

    CliRun result = server.run("scenarios", "run", "scale-out");
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).contains("replications [").contains("100% 6/6");
    assertThat(result.out()).contains("baseline vs scenario").contains("verdict");
    String line = result.out().lines().filter(l -> l.startsWith("web-frontend") && l.contains(" meanResponse "))
        .findFirst().orElseThrow();
    assertThat(line).endsWith("better");
    assertThat(result.out()).contains("costPerHour");

    CliRun started = server.run("scenarios", "run", "scale-out", "--no-wait", "--compact");
    String id = started.json().path("id").asText();
    CliRun status;
    do {
      Thread.sleep(100);
      status = server.run("scenarios", "result", "scale-out", id, "--json", "--compact");
    } while (!status.json().path("status").asText().equals("done"));
    assertThat(status.json().path("result").path("comparison").size()).isGreaterThan(100);

    CliRun gone = server.run("scenarios", "result", "scale-out", "no-such-run");
    assertThat(gone.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(gone.err()).contains("SCENARIO_RUN_NOT_FOUND");
    assertThat(server.run("scenarios", "delete", "scale-out").out()).contains("deleted scale-out");
  }

  @Test
  void aChangeToAMissingTwinIsRejectedNamingIt() throws Exception {
    Path file = dir.resolve("ghost.json");
    Files.writeString(file, "{\"changes\": [{\"type\": \"removeTwin\", \"twin\": \"ghost\"}]}");
    assertThat(server.run("scenarios", "put", file.toString()).exit()).isZero();
    CliRun bad = server.run("scenarios", "run", "ghost");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("INVALID_ARGUMENT").contains("changes[0].twin");
  }

}
