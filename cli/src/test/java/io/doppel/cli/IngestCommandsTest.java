package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Message;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel mappings}, {@code doppel deadletters} and {@code doppel connectors} against a real server. */
class IngestCommandsTest {
  private static final String SENSOR = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Sensor;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"firmware","schema":"string","writable":true}]}
      """;

  private DoppelServer server;
  private String url;
  private Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.MAPPER.readTree(out);
    }
  }

  @BeforeEach
  void start(@TempDir Path temp) throws Exception {
    dir = temp;
    server = DoppelServer.start(ServerConfig.ephemeral());
    url = server.baseUri().toString();
    Files.writeString(dir.resolve("sensor.json"), SENSOR);
    assertThat(run("models", "add", dir.resolve("sensor.json").toString(), "--url", url).exit()).isZero();
    assertThat(run("twins", "put", "s1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Sensor;1\"}}", "--url", url)
        .exit()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
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
    Run put = run("mappings", "put", yaml.toString(), "--url", url, "--compact");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().path("id").asText()).isEqualTo("fw");
    Files.writeString(yaml, Files.readString(yaml).replace("$.fw", "$.firmware"));
    assertThat(run("mappings", "put", yaml.toString(), "--url", url, "--compact").json().path("version").asInt())
        .isEqualTo(2);
    assertThat(run("mappings", "show", "fw", "--version", "1", "--url", url, "--compact").json()
        .path("properties").path("firmware").asText()).isEqualTo("$.fw");
    assertThat(run("mappings", "list", "--url", url, "--compact").json()).hasSize(1);
    Run test = run("mappings", "test", "fw", "{\"topic\":\"lab/s1/fw\",\"payload\":{\"firmware\":\"9\"}}",
        "--url", url, "--compact");
    assertThat(test.json().path("updates").get(0).path("twinId").asText()).isEqualTo("s1");

    Files.writeString(yaml, Files.readString(yaml).replace("firmware:", "colour:"));
    Run bad = run("mappings", "put", yaml.toString(), "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("MAPPING_INVALID").contains("properties.colour");
    assertThat(run("mappings", "delete", "fw", "--url", url).exit()).isZero();
  }

  @Test
  void deadLettersAreListedReplayedAndDeleted() throws Exception {
    for (String payload : new String[] {"{\"fw\":\"1\"}", "{\"fw\":\"2\"}"}) {
      server.ingestor().ingest(Message.of("kafka", "p/0", "lab/s1/fw", payload.getBytes(StandardCharsets.UTF_8),
          Instant.now())).join();
    }
    Run list = run("deadletters", "list", "--connector", "kafka", "--url", url, "--compact");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().path("value")).hasSize(2);
    long first = list.json().path("value").get(0).path("id").asLong();
    assertThat(run("deadletters", "show", String.valueOf(first), "--url", url, "--compact").json().path("reason")
        .asText()).isEqualTo("NO_MAPPING");
    Files.writeString(dir.resolve("fw.json"), """
        {"match":{"topic":"lab/+/fw"},"twinId":"{topic[1]}","properties":{"firmware":"$.fw"}}
        """);
    assertThat(run("mappings", "put", dir.resolve("fw.json").toString(), "--url", url).exit()).isZero();
    Run one = run("deadletters", "replay", String.valueOf(first), "--url", url, "--compact");
    assertThat(one.json().path("applied").asBoolean()).isTrue();
    Run all = run("deadletters", "replay", "--connector", "kafka", "--url", url, "--compact");
    assertThat(all.json().path("applied").asInt()).isEqualTo(1);
    assertThat(run("deadletters", "delete", String.valueOf(first), "--url", url).exit())
        .isEqualTo(CliFailure.REQUEST_REJECTED); // replayed, so gone already
  }

  @Test
  void connectorsAreAddedShownPausedResumedAndDeleted() throws Exception {
    Run add = run("connectors", "add", "plant",
        "{\"type\":\"kafka\",\"bootstrap\":\"127.0.0.1:1\",\"topics\":[\"t\"]}", "--url", url, "--compact");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.json().path("config").path("group").isMissingNode()).isTrue();
    assertThat(run("connectors", "list", "--url", url, "--compact").json()).hasSize(2);
    assertThat(run("connectors", "pause", "plant", "--url", url, "--compact").json().path("status").asText())
        .isEqualTo("paused");
    assertThat(run("connectors", "resume", "plant", "--url", url, "--compact").exit()).isZero();
    assertThat(run("connectors", "show", "plant", "--url", url, "--compact").json().path("type").asText())
        .isEqualTo("kafka");
    assertThat(run("connectors", "delete", "plant", "--url", url).exit()).isZero();
    Run missing = run("connectors", "show", "plant", "--url", url);
    assertThat(missing.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(missing.err()).contains("CONNECTOR_NOT_FOUND");
    Run bad = run("connectors", "add", "x", "{\"type\":\"kafka\"}", "--url", url);
    assertThat(bad.err()).contains("CONNECTOR_INVALID").contains("bootstrap");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
