package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel history --format csv --output}, exports, usage and retention, and {@code doppel query --format}. */
class ExportCommandsTest {
  private static final String METER = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Meter;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"power","schema":"double"},
                   {"@type":"Telemetry","name":"mode","schema":"string"},
                   {"@type":"Property","name":"site","schema":"string","writable":true}]}
      """;

  /** Two days ago at midnight: old enough for a one-day retention, whatever day the test runs. */
  private static final java.time.Instant BASE = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
      .minus(java.time.Duration.ofDays(2));
  private static final String FROM = BASE.toString();
  private static final String TO = BASE.plusSeconds(3600).toString();

  private DoppelServer server;
  private String url;
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir.resolve("data")));
    url = server.baseUri().toString();
    Files.writeString(dir.resolve("meter.json"), METER);
    assertThat(run("models", "add", dir.resolve("meter.json").toString(), "--url", url).exit()).isZero();
    CliRun twin = run("twins", "put", "m1",
        "{\"$metadata\":{\"$model\":\"dtmi:cli:Meter;1\"},\"site\":\"Hall, \\\"B\\\"\"}",
        "--url", url);
    assertThat(twin.exit()).as(twin.err()).isZero();
    for (int i = 0; i < 3; i++) {
      CliRun sent = run("telemetry", "m1", "{\"power\":" + (i + 1) + ",\"mode\":\"m" + i + "\"}", "--source-time",
          BASE.plusSeconds(60L * i).toString(), "--url", url);
      assertThat(sent.exit()).as(sent.err()).isZero();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void writesOneSeriesAsCsvToAFileAndSeveralAsJsonLines() throws Exception {
    Path file = dir.resolve("power.csv");
    CliRun csv = run("history", "m1", "power", "--from", FROM, "--to", TO,
        "--format", "csv", "--output", file.toString(), "--url", url);
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo("t,v\r\n" + BASE + ",1.0\r\n" + BASE.plusSeconds(60) + ",2.0\r\n"
        + BASE.plusSeconds(120) + ",3.0\r\n");
    CliRun lines = run("history", "m1", "power", "mode", "--from", FROM, "--to", TO, "--url", url);
    assertThat(lines.exit()).as(lines.err()).isZero();
    String[] rows = lines.out().split("\n");
    assertThat(rows).hasSize(6);
    assertThat(ApiClient.MAPPER.readTree(rows[5]).path("v").asText()).isEqualTo("m2");
    CliRun all = run("history", "m1", "--all", "--from", FROM, "--format", "csv", "--url", url);
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).startsWith("t,name,v\r\n").contains(",site,\"Hall, \"\"B\"\"\"\r\n");
    CliRun bad = run("history", "m1", "power", "--format", "xml", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.BAD_INPUT);
    CliRun refused = run("history", "m1", "power", "mode", "--bucket", "PT1M", "--agg", "avg", "--url", url);
    assertThat(refused.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(refused.err()).contains("INVALID_ARGUMENT").contains("agg");
  }

  @Test
  void showsUsageSetsRetentionAndSweeps() throws Exception {
    CliRun usage = run("history", "usage", "--url", url, "--compact");
    assertThat(usage.exit()).as(usage.err()).isZero();
    JsonNode meter = ApiClient.MAPPER.readTree(usage.out()).path("value").get(0);
    assertThat(meter.path("model").asText()).isEqualTo("dtmi:cli:Meter;1");
    assertThat(meter.path("points").asLong()).isEqualTo(7); // 3 power, 3 mode, 1 site
    CliRun set = run("history", "retention", "--set", "dtmi:cli:Meter;1#power=P1D", "--sweep", "--url", url,
        "--compact");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("\"seriesSwept\":1").contains("\"name\":\"power\"");
    JsonNode after = ApiClient.MAPPER.readTree(run("history", "usage", "--url", url, "--compact").out());
    assertThat(after.path("value").get(0).path("points").asLong()).isEqualTo(4);
    CliRun bad = run("history", "retention", "--set", "room=P1D", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.BAD_INPUT);
  }

  @Test
  void printsQueryRowsAsCsvJsonLinesOrATable() throws Exception {
    String query = "SELECT T.$dtId, T.site FROM DIGITALTWINS T";
    CliRun csv = run("query", query, "--format", "csv", "--url", url);
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out()).isEqualTo("$dtId,site\r\nm1,\"Hall, \"\"B\"\"\"\r\n");
    CliRun lines = run("query", query, "--format", "jsonl", "--url", url);
    assertThat(ApiClient.MAPPER.readTree(lines.out().strip()).path("site").asText()).isEqualTo("Hall, \"B\"");
    CliRun table = run("query", query, "--format", "table", "--url", url);
    assertThat(table.out()).contains("$dtId  site").contains("m1     Hall, \"B\"").contains("(1 row)");
    CliRun bad = run("query", query, "--format", "csv", "--max-items", "2", "--url", url);
    assertThat(bad.exit()).isEqualTo(CliFailure.BAD_INPUT);
  }

}
