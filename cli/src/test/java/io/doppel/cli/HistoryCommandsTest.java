package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel telemetry} and {@code doppel history} against a real server. */
class HistoryCommandsTest {
  private static final String METER = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Meter;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"power","schema":"double"}]}
      """;

  @RegisterExtension final CliServer server = CliServer.open();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("meter.json"), METER);
    CliRun models = server.run("models", "add", dir.resolve("meter.json").toString());
    assertThat(models.exit()).as(models.err()).isZero();
    CliRun twin = server.run("twins", "put", "m1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Meter;1\"}}");
    assertThat(twin.exit()).as(twin.err()).isZero();
  }

  @Test
  void sendsTelemetryAndPrintsItsHistoryRawBucketedAndLatest() throws Exception {
    for (int i = 0; i < 4; i++) {
      CliRun sent = server.run("telemetry", "m1", "{\"power\":" + (i + 1) + "}", "--source-time",
          "2026-12-01T00:0" + i + ":30Z");
      assertThat(sent.exit()).as(sent.err()).isZero();
    }
    CliRun raw = server.run("history", "m1", "power", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-01T01:00:00Z",
        "--compact");
    assertThat(raw.exit()).as(raw.err()).isZero();
    assertThat(raw.json().path("points")).hasSize(4);
    CliRun max = server.run("history", "m1", "power", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-01T01:00:00Z",
        "--bucket", "PT2M", "--agg", "max", "--compact");
    assertThat(max.json().path("points").get(0).path("v").asDouble()).isEqualTo(2);
    assertThat(max.json().path("points").get(1).path("v").asDouble()).isEqualTo(4);
    CliRun latest = server.run("history", "m1", "--compact");
    assertThat(latest.json().path("value").get(0).path("v").asDouble()).isEqualTo(4);
  }

  @Test
  void reportsARejectedTelemetryValueWithItsField() {
    CliRun bad = server.run("telemetry", "m1", "{\"power\":\"lots\"}");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("VALIDATION_FAILED").contains("/power");
    CliRun badTime = server.run("history", "m1", "power", "--from", "yesterday");
    assertThat(badTime.exit()).isEqualTo(CliFailure.BAD_INPUT);
  }

  @Test
  void showsAnomalyScoresAndSetsASeriesSensitivity() throws Exception {
    var history = server.get().history();
    for (int i = 0; i < 350; i++) {
      history.recordTelemetry("m1", null, ApiClient.MAPPER.createObjectNode()
          .put("power", 100 + Math.sin(i * 1.7)), null, null).join();
    }
    history.recordTelemetry("m1", null, ApiClient.MAPPER.createObjectNode().put("power", 999), null, null)
        .join();
    CliRun one = server.run("twins", "anomalies", "m1", "--name", "power", "--compact");
    assertThat(one.exit()).as(one.err()).isZero();
    JsonNode power = one.json().path("series").get(0);
    assertThat(power.path("points")).hasSize(351);
    assertThat(power.path("anomalies").get(0).path("value").asDouble()).isEqualTo(999);
    CliRun all = server.run("twins", "anomalies", "m1", "--compact");
    assertThat(all.json().path("series").get(0).path("name").asText()).isEqualTo("power");

    CliRun set = server.run("twins", "anomalies", "m1", "--name", "power", "--sensitivity", "3", "--compact");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.json().path("sensitivity").asDouble()).isEqualTo(3);
    CliRun bad = server.run("twins", "anomalies", "m1", "--name", "power", "--sensitivity", "-1");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("sensitivity");
    assertThat(server.run("twins", "anomalies", "m1", "--sensitivity", "2").err()).contains("--name");
  }

}
