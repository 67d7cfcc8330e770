package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel twins changes}, {@code doppel twins get --as-of} and {@code doppel query --as-of} on a real server. */
class ChangeCommandsTest {
  private static final String VALVE = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Valve;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"open","schema":"double","writable":true}]}
      """;

  @RegisterExtension final CliServer server = CliServer.open();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("valve.json"), VALVE);
    assertThat(server.run("models", "add", dir.resolve("valve.json").toString()).exit()).isZero();
    CliRun twin = server.run("twins", "put", "v1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Valve;1\"},\"open\":0.5}");
    assertThat(twin.exit()).as(twin.err()).isZero();
  }

  @Test
  void printsATwinsChangesAndReadsTheGraphAsOfATime() throws Exception {
    Thread.sleep(5);
    Instant before = Instant.now();
    Thread.sleep(5);
    CliRun patched = server.run("twins", "patch", "v1", "[{\"op\":\"replace\",\"path\":\"/open\",\"value\":1.0}]");
    assertThat(patched.exit()).as(patched.err()).isZero();

    CliRun changes = server.run("twins", "changes", "v1", "--compact");
    assertThat(changes.exit()).as(changes.err()).isZero();
    assertThat(changes.json()).extracting(c -> c.path("kind").asText()).containsExactly("twin.created",
        "twin.patched");
    CliRun recent = server.run("twins", "changes", "v1", "--from", before.toString(), "--compact");
    assertThat(recent.json()).extracting(c -> c.path("kind").asText()).containsExactly("twin.patched");

    CliRun then = server.run("twins", "get", "v1", "--as-of", before.toString(), "--compact");
    assertThat(then.exit()).as(then.err()).isZero();
    assertThat(then.json().path("open").asDouble()).isEqualTo(0.5);
    CliRun query = server.run("query", "SELECT V.open FROM DIGITALTWINS V", "--as-of", before.toString(),
        "--compact");
    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.json().get(0).path("open").asDouble()).isEqualTo(0.5);

    CliRun bad = server.run("query", "SELECT * FROM DIGITALTWINS", "--as-of", "last week");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("asOf");
  }

}
