package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel twins changes}, {@code doppel twins get --as-of} and {@code doppel query --as-of} on a real server. */
class ChangeCommandsTest {
  private static final String VALVE = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Valve;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"open","schema":"double","writable":true}]}
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
    Files.writeString(dir.resolve("valve.json"), VALVE);
    assertThat(run("models", "add", dir.resolve("valve.json").toString(), "--url", url).exit()).isZero();
    Run twin = run("twins", "put", "v1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Valve;1\"},\"open\":0.5}",
        "--url", url);
    assertThat(twin.exit()).as(twin.err()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void printsATwinsChangesAndReadsTheGraphAsOfATime() throws Exception {
    Thread.sleep(5);
    Instant before = Instant.now();
    Thread.sleep(5);
    Run patched = run("twins", "patch", "v1", "[{\"op\":\"replace\",\"path\":\"/open\",\"value\":1.0}]", "--url", url);
    assertThat(patched.exit()).as(patched.err()).isZero();

    Run changes = run("twins", "changes", "v1", "--url", url, "--compact");
    assertThat(changes.exit()).as(changes.err()).isZero();
    assertThat(changes.json()).extracting(c -> c.path("kind").asText()).containsExactly("twin.created",
        "twin.patched");
    Run recent = run("twins", "changes", "v1", "--from", before.toString(), "--url", url, "--compact");
    assertThat(recent.json()).extracting(c -> c.path("kind").asText()).containsExactly("twin.patched");

    Run then = run("twins", "get", "v1", "--as-of", before.toString(), "--url", url, "--compact");
    assertThat(then.exit()).as(then.err()).isZero();
    assertThat(then.json().path("open").asDouble()).isEqualTo(0.5);
    Run query = run("query", "SELECT V.open FROM DIGITALTWINS V", "--as-of", before.toString(), "--url", url,
        "--compact");
    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.json().get(0).path("open").asDouble()).isEqualTo(0.5);

    Run bad = run("query", "SELECT * FROM DIGITALTWINS", "--as-of", "last week", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("asOf");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
