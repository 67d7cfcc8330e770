package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.ingest.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel mappings}, {@code doppel deadletters} and {@code doppel connectors} against a real server. */
class IngestCommandsTest {
  private static final String SENSOR = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Sensor;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"firmware","schema":"string","writable":true}]}
      """;

  @RegisterExtension final CliServer server = CliServer.open();
  private Path dir;

  @BeforeEach
  void start(@TempDir Path temp) throws Exception {
    dir = temp;
    Files.writeString(dir.resolve("sensor.json"), SENSOR);
    assertThat(server.run("models", "add", dir.resolve("sensor.json").toString()).exit()).isZero();
    assertThat(server.run("twins", "put", "s1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Sensor;1\"}}")
        .exit()).isZero();
  }

  @Test
  void mappingsAreDefinedFromYamlShownByVersionAndDryRun() throws Exception {
    Path yaml = dir.resolve("fw.yaml");
    Files.writeString(yaml, """
        match:
          topic: "lab/+/fw"
        model: "dtmi:cli:Sensor;1"
        twinId: "{topic[1]}"
        properties:
          firmware: "$.fw"
        """);
    CliRun put = server.run("mappings", "put", yaml.toString(), "--compact");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().path("id").asText()).isEqualTo("fw");
    Files.writeString(yaml, Files.readString(yaml).replace("$.fw", "$.firmware"));
    assertThat(server.run("mappings", "put", yaml.toString(), "--compact").json().path("version").asInt())
        .isEqualTo(2);
    assertThat(server.run("mappings", "show", "fw", "--version", "1", "--compact").json()
        .path("properties").path("firmware").asText()).isEqualTo("$.fw");
    assertThat(server.run("mappings", "list", "--compact").json()).hasSize(1);
    CliRun test = server.run("mappings", "test", "fw", "{\"topic\":\"lab/s1/fw\",\"payload\":{\"firmware\":\"9\"}}",
        "--compact");
    assertThat(test.json().path("updates").get(0).path("twinId").asText()).isEqualTo("s1");

    Files.writeString(yaml, Files.readString(yaml).replace("firmware:", "colour:"));
    CliRun bad = server.run("mappings", "put", yaml.toString());
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("MAPPING_INVALID").contains("properties.colour");
    assertThat(server.run("mappings", "delete", "fw").exit()).isZero();
  }

  @Test
  void deadLettersAreListedReplayedAndDeleted() throws Exception {
    for (String payload : new String[] {"{\"fw\":\"1\"}", "{\"fw\":\"2\"}"}) {
      server.get().ingestor().ingest(Message.of("kafka", "p/0", "lab/s1/fw", payload.getBytes(StandardCharsets.UTF_8),
          Instant.now())).join();
    }
    CliRun list = server.run("deadletters", "list", "--connector", "kafka", "--compact");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().path("value")).hasSize(2);
    long first = list.json().path("value").get(0).path("id").asLong();
    assertThat(server.run("deadletters", "show", String.valueOf(first), "--compact").json().path("reason")
        .asText()).isEqualTo("NO_MAPPING");
    Files.writeString(dir.resolve("fw.json"), """
        {"match":{"topic":"lab/+/fw"},"twinId":"{topic[1]}","properties":{"firmware":"$.fw"}}
        """);
    assertThat(server.run("mappings", "put", dir.resolve("fw.json").toString()).exit()).isZero();
    CliRun one = server.run("deadletters", "replay", String.valueOf(first), "--compact");
    assertThat(one.json().path("applied").asBoolean()).isTrue();
    CliRun all = server.run("deadletters", "replay", "--connector", "kafka", "--compact");
    assertThat(all.json().path("applied").asInt()).isEqualTo(1);
    assertThat(server.run("deadletters", "delete", String.valueOf(first)).exit())
        .isEqualTo(CliFailure.REQUEST_REJECTED); // replayed, so gone already
  }

  @Test
  void connectorsAreAddedShownPausedResumedAndDeleted() throws Exception {
    CliRun add = server.run("connectors", "add", "plant",
        "{\"type\":\"kafka\",\"bootstrap\":\"127.0.0.1:1\",\"topics\":[\"t\"]}", "--compact");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.json().path("config").path("group").isMissingNode()).isTrue();
    assertThat(server.run("connectors", "list", "--compact").json()).hasSize(2);
    assertThat(server.run("connectors", "pause", "plant", "--compact").json().path("status").asText())
        .isEqualTo("paused");
    assertThat(server.run("connectors", "resume", "plant", "--compact").exit()).isZero();
    assertThat(server.run("connectors", "show", "plant", "--compact").json().path("type").asText())
        .isEqualTo("kafka");
    assertThat(server.run("connectors", "delete", "plant").exit()).isZero();
    CliRun missing = server.run("connectors", "show", "plant");
    assertThat(missing.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(missing.err()).contains("CONNECTOR_NOT_FOUND");
    CliRun bad = server.run("connectors", "add", "x", "{\"type\":\"kafka\"}");
    assertThat(bad.err()).contains("CONNECTOR_INVALID").contains("bootstrap");
  }

}
