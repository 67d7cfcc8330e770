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

/** {@code doppel telemetry} and {@code doppel history} against a real server. */
class HistoryCommandsTest {
  private static final String METER = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Meter;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"power","schema":"double"}]}
      """;

  private DoppelServer server;
  private String url;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.MAPPER.readTree(out);
    }
  }

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    server = DoppelServer.start(ServerConfig.ephemeral());
    url = server.baseUri().toString();
    Files.writeString(dir.resolve("meter.json"), METER);
    Run models = run("models", "add", dir.resolve("meter.json").toString(), "--url", url);
    assertThat(models.exit()).as(models.err()).isZero();
    Run twin = run("twins", "put", "m1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Meter;1\"}}", "--url", url);
    assertThat(twin.exit()).as(twin.err()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsTelemetryAndPrintsItsHistoryRawBucketedAndLatest() throws Exception {
    for (int i = 0; i < 4; i++) {
      Run sent = run("telemetry", "m1", "{\"power\":" + (i + 1) + "}", "--source-time",
          "2026-12-01T00:0" + i + ":30Z", "--url", url);
      assertThat(sent.exit()).as(sent.err()).isZero();
    }
    Run raw = run("history", "m1", "power", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-01T01:00:00Z",
        "--url", url, "--compact");
    assertThat(raw.exit()).as(raw.err()).isZero();
    assertThat(raw.json().path("points")).hasSize(4);
    Run max = run("history", "m1", "power", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-01T01:00:00Z",
        "--bucket", "PT2M", "--agg", "max", "--url", url, "--compact");
    assertThat(max.json().path("points").get(0).path("v").asDouble()).isEqualTo(2);
    assertThat(max.json().path("points").get(1).path("v").asDouble()).isEqualTo(4);
    Run latest = run("history", "m1", "--url", url, "--compact");
    assertThat(latest.json().path("value").get(0).path("v").asDouble()).isEqualTo(4);
  }

  @Test
  void reportsARejectedTelemetryValueWithItsField() {
    Run bad = run("telemetry", "m1", "{\"power\":\"lots\"}", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("VALIDATION_FAILED").contains("/power");
    Run badTime = run("history", "m1", "power", "--from", "yesterday", "--url", url);
    assertThat(badTime.exit()).isEqualTo(CliFailure.BAD_INPUT);
  }

  @Test
  void showsAnomalyScoresAndSetsASeriesSensitivity() throws Exception {
    for (int i = 0; i < 350; i++) {
      server.history().recordTelemetry("m1", null, ApiClient.MAPPER.createObjectNode()
          .put("power", 100 + Math.sin(i * 1.7)), null, null).join();
    }
    server.history().recordTelemetry("m1", null, ApiClient.MAPPER.createObjectNode().put("power", 999), null, null)
        .join();
    Run one = run("twins", "anomalies", "m1", "--name", "power", "--url", url, "--compact");
    assertThat(one.exit()).as(one.err()).isZero();
    JsonNode power = one.json().path("series").get(0);
    assertThat(power.path("points")).hasSize(351);
    assertThat(power.path("anomalies").get(0).path("value").asDouble()).isEqualTo(999);
    Run all = run("twins", "anomalies", "m1", "--url", url, "--compact");
    assertThat(all.json().path("series").get(0).path("name").asText()).isEqualTo("power");

    Run set = run("twins", "anomalies", "m1", "--name", "power", "--sensitivity", "3", "--url", url, "--compact");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.json().path("sensitivity").asDouble()).isEqualTo(3);
    Run bad = run("twins", "anomalies", "m1", "--name", "power", "--sensitivity", "-1", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("sensitivity");
    assertThat(run("twins", "anomalies", "m1", "--sensitivity", "2", "--url", url).err()).contains("--name");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
