package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel query}, {@code doppel impact} and {@code doppel indexes} against a real server. */
class QueryCommandsTest {
  private static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Pump;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"status","schema":"string"},
                    {"@type":"Relationship","name":"feeds","target":"dtmi:cli:Pump;1"}]}]
      """;

  @RegisterExtension final CliServer server = CliServer.open();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("pump.json"), MODELS);
    assertThat(run("models", "add", dir.resolve("pump.json").toString()).exit()).isZero();
    for (int i = 0; i < 12; i++) {
      String body = "{\"$metadata\":{\"$model\":\"dtmi:cli:Pump;1\"},\"status\":\"" + (i % 3 == 0 ? "fault" : "ok")
          + "\"}";
      assertThat(run("twins", "put", "pump-" + i, body).exit()).isZero();
    }
    for (int i = 0; i < 3; i++) {
      String rel = "{\"$targetId\":\"pump-" + (i + 1) + "\",\"$relationshipName\":\"feeds\"}";
      assertThat(run("relationships", "put", "pump-" + i, "f" + i, rel).exit()).isZero();
    }
  }

  /** A command against the server, printing compact JSON. */
  private CliRun run(String... args) {
    String[] compact = java.util.Arrays.copyOf(args, args.length + 1);
    compact[args.length] = "--compact";
    return server.run(compact);
  }

  @Test
  void queryFollowsContinuationTokensAndStopsAtMaxItems() throws Exception {
    CliRun all = run("query", "SELECT T.$dtId FROM DIGITALTWINS T WHERE T.status = 'ok'", "--page-size", "3");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.json()).hasSize(8);
    CliRun some = run("query", "SELECT * FROM DIGITALTWINS", "--page-size", "5", "--max-items", "7");
    assertThat(some.json()).hasSize(7);
    CliRun grouped = run("query", "SELECT status, COUNT() FROM DIGITALTWINS GROUP BY status");
    assertThat(grouped.exit()).as(grouped.err()).isZero();
    assertThat(grouped.out()).contains("fault").contains("ok");
  }

  @Test
  void queryReportsSyntaxErrorsWithThePositionAndExitCodeOne() {
    CliRun bad = run("query", "SELECT * FROM DIGITALTWINS WHERE status = ");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("QUERY_INVALID").contains("1:");
  }

  @Test
  void queryReadsTheTextFromAFileAndExplainsIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("faults.sql");
    Files.writeString(file, "SELECT COUNT() FROM DIGITALTWINS WHERE status = 'fault'\n");
    CliRun count = run("query", file.toString());
    assertThat(count.json().get(0).path("COUNT").asLong()).isEqualTo(4);
    CliRun explain = run("query", "--explain", file.toString());
    assertThat(explain.exit()).as(explain.err()).isZero();
    assertThat(explain.out()).contains("status");
  }

  @Test
  void indexesCanBeAddedListedAndDropped() throws Exception {
    assertThat(run("indexes", "add", "status").exit()).isZero();
    assertThat(run("indexes", "list").json().get(0).path("path").asText()).isEqualTo("status");
    assertThat(run("query", "SELECT COUNT() FROM DIGITALTWINS WHERE status = 'fault'").json().get(0)
        .path("COUNT").asLong()).isEqualTo(4);
    assertThat(run("indexes", "drop", "status").exit()).isZero();
    CliRun again = run("indexes", "drop", "status");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("INDEX_NOT_FOUND");
  }

  @Test
  void impactShowsDownstreamTwinsWithTheirPaths() throws Exception {
    CliRun impact = run("impact", "pump-0", "--relationships", "feeds", "--depth", "3");
    assertThat(impact.exit()).as(impact.err()).isZero();
    JsonNode impacted = impact.json().path("impacted");
    assertThat(impacted).hasSize(3);
    assertThat(impacted.get(2).path("$dtId").asText()).isEqualTo("pump-3");
    assertThat(impacted.get(2).path("path")).hasSize(3);
  }
}
