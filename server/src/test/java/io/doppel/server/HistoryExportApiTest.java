package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** String history, CSV and JSON-lines exports of the history, over real HTTP on a RocksDB data directory. */
class HistoryExportApiTest {
  static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Machine;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"speed","schema":"double"},
                    {"@type":"Telemetry","name":"state","schema":{"@type":"Enum","valueSchema":"string",
                      "enumValues":[{"name":"idle","enumValue":"idle"},{"name":"running","enumValue":"running"}]}},
                    {"@type":"Telemetry","name":"note","schema":"string"},
                    {"@type":"Property","name":"label","schema":"string","writable":true}]}]
      """;
  static final String FROM = "2026-12-01T00:00:00Z";
  static final String TO = "2026-12-02T00:00:00Z";
  static final List<String> NOTES = List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "\u00e9t\u00e9 \ud83c\udf21", "");

  @Test
  void stringsAreRecordedReadAsTextsAndAggregatedByFirstLastAndCountOnly(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      machine(http, "m1");
      String[] states = {"idle", "running", "running"};
      for (int i = 0; i < 6; i++) {
        send(http, "m1", "{\"speed\":" + i + ",\"state\":\"" + states[i % 3] + "\"}", i * 20);
      }
      JsonNode raw = http.get(history("m1", "state")).json();
      assertThat(raw.path("points")).hasSize(6);
      assertThat(raw.path("points").get(1).path("v").asText()).isEqualTo("running");
      assertThat(raw.path("points").get(0).path("v").isTextual()).isTrue();
      JsonNode first = http.get(history("m1", "state") + "&bucket=PT1M&agg=first").json();
      assertThat(first.path("points")).extracting(p -> p.path("v").asText()).containsExactly("idle", "idle");
      JsonNode last = http.get(history("m1", "state") + "&bucket=PT1M&agg=last").json();
      assertThat(last.path("points")).extracting(p -> p.path("v").asText()).containsExactly("running", "running");
      JsonNode count = http.get(history("m1", "state") + "&bucket=PT1M&agg=count").json();
      assertThat(count.path("points")).extracting(p -> p.path("v").asLong()).containsExactly(3L, 3L);
      for (String agg : List.of("avg", "min", "max")) {
        expect(http.get(history("m1", "state") + "&bucket=PT1M&agg=" + agg), 400, "INVALID_ARGUMENT", "agg");
        expect(http.get(history("m1", "state") + "&bucket=PT1M&agg=" + agg + "&format=csv"), 400,
            "INVALID_ARGUMENT", "agg");
      }
      JsonNode latest = http.get("/digitaltwins/m1/history/latest").json().path("value");
      List<String> texts = new ArrayList<>();
      latest.forEach(v -> texts.add(v.path("name").asText() + "=" + v.path("v").asText()));
      assertThat(texts).contains("state=running", "label=north", "speed=5.0");
    });
  }

  @Test
  void csvQuotesCommasQuotesAndLineBreaksAndReadsBackToTheSameValues(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      machine(http, "m1");
      for (int i = 0; i < NOTES.size(); i++) {
        send(http, "m1", Http.MAPPER.createObjectNode().put("note", NOTES.get(i)).toString(), i);
      }
      Http.Response csv = http.get(history("m1", "note") + "&format=csv");
      assertThat(csv.status()).as(csv.text()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      assertThat(csv.text()).contains("\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"");
      List<List<String>> records = CsvRecords.parse(csv.text());
      assertThat(records.get(0)).containsExactly("t", "v");
      assertThat(records.subList(1, records.size())).extracting(r -> r.get(1)).containsExactlyElementsOf(NOTES);
      assertThat(records.get(2).get(0)).isEqualTo("2026-12-01T00:00:01Z");

      Http.Response accepted = http.get(history("m1", "note"), "Accept", "text/csv");
      assertThat(accepted.text()).isEqualTo(csv.text());
      Http.Response lines = http.get(history("m1", "note") + "&format=jsonl");
      List<String> back = new ArrayList<>();
      for (String line : lines.text().split("\n")) {
        back.add(Http.MAPPER.readTree(line).path("v").asText());
      }
      assertThat(back).containsExactlyElementsOf(NOTES);
    });
  }

  @Test
  void exportsSeveralOrAllSeriesOfATwinStreamedAsCsvOrJsonLines(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      machine(http, "m1");
      Instant t0 = Instant.parse(FROM);
      int n = 3000;
      // one big request's worth at a time through the in-process API: the test is about reading
      List<java.util.concurrent.CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        acks.add(server.history().recordTelemetry("m1", null, (com.fasterxml.jackson.databind.node.ObjectNode)
            Http.MAPPER.readTree("{\"speed\":" + i + ",\"state\":\"" + (i % 2 == 0 ? "idle" : "running")
                + "\",\"note\":\"n" + i % 10 + "\"}"), t0.plusSeconds(i), null));
      }
      acks.forEach(java.util.concurrent.CompletableFuture::join);
      String base = "/digitaltwins/m1/history/export?from=" + FROM + "&to=" + TO;
      Http.Response two = http.get(base + "&name=speed&name=state");
      assertThat(two.status()).as(two.text()).isEqualTo(200);
      assertThat(two.headers().firstValue("Content-Length")).as("streamed, not sized up front").isEmpty();
      List<List<String>> rows = CsvRecords.parse(two.text());
      assertThat(rows.get(0)).containsExactly("t", "name", "v");
      assertThat(rows).hasSize(1 + 2 * n);
      assertThat(rows.get(1)).containsExactly("2026-12-01T00:00:00Z", "speed", "0.0");
      assertThat(rows.get(n)).containsExactly(t0.plusSeconds(n - 1).toString(), "speed", (n - 1) + ".0");
      assertThat(rows.get(n + 1)).containsExactly("2026-12-01T00:00:00Z", "state", "idle");

      // the label was recorded when the twin was created, now: the range runs to 2100 to hold it
      Http.Response all = http.get("/digitaltwins/m1/history/export?from=" + FROM + "&to=2100-01-01T00:00:00Z",
          "Accept", "application/x-ndjson");
      String[] lines = all.text().split("\n");
      assertThat(lines).hasSize(3 * n + 1); // speed, state, note: n each; label: 1
      List<String> names = new ArrayList<>();
      for (String line : lines) {
        String name = Http.MAPPER.readTree(line).path("name").asText();
        if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
          names.add(name);
        }
      }
      assertThat(names).containsExactly("label", "note", "speed", "state");

      Http.Response buckets = http.get(base + "&name=state&bucket=PT10M&agg=count&format=csv");
      List<List<String>> counted = CsvRecords.parse(buckets.text());
      assertThat(counted.subList(1, counted.size())).extracting(r -> r.get(2))
          .containsExactly("600", "600", "600", "600", "600");
    });
  }

  @Test
  void refusesBadExportArgumentsBeforeAnyOutputNamingTheField() throws Exception {
    TestServer.test((server, http) -> {
      machine(http, "m1");
      String base = "/digitaltwins/m1/history/export?from=" + FROM + "&to=" + TO;
      expect(http.get(base + "&format=xml"), 400, "INVALID_ARGUMENT", "format");
      expect(http.get(history("m1", "speed") + "&format=pdf"), 400, "INVALID_ARGUMENT", "format");
      expect(http.get(base + "&name=bogus"), 404, "SERIES_NOT_FOUND", "name");
      expect(http.get(base + "&name="), 400, "INVALID_ARGUMENT", "name");
      expect(http.get("/digitaltwins/m1/history/export?to=" + TO), 400, "INVALID_ARGUMENT", "from");
      expect(http.get("/digitaltwins/m1/history/export?from=" + TO + "&to=" + FROM), 400, "INVALID_ARGUMENT", "to");
      expect(http.get(base + "&agg=max"), 400, "INVALID_ARGUMENT", "agg");
      expect(http.get(base + "&bucket=soon"), 400, "INVALID_ARGUMENT", "bucket");
      expect(http.get("/digitaltwins/ghost/history/export?from=" + FROM + "&to=" + TO), 404, "TWIN_NOT_FOUND", "");
    });
  }

  static void machine(Http http, String id) {
    assertThat(http.post("/models", MODELS).status()).isIn(201, 409);
    Http.Response created = http.put("/digitaltwins/" + id,
        "{\"$metadata\":{\"$model\":\"dtmi:test:Machine;1\"},\"label\":\"north\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
  }

  static void send(Http http, String id, String body, int seconds) {
    Http.Response sent = http.post("/digitaltwins/" + id + "/telemetry", body,
        "Telemetry-Source-Time", Instant.parse(FROM).plusSeconds(seconds).toString());
    assertThat(sent.status()).as(sent.text()).isEqualTo(204);
  }

  private static String history(String id, String name) {
    return "/digitaltwins/" + id + "/history?name=" + name + "&from=" + FROM + "&to=" + TO;
  }

  static void expect(Http.Response response, int status, String code, String target) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.text()).isEqualTo(code);
    if (!target.isEmpty()) {
      assertThat(response.targets()).as(response.text()).contains(target);
    }
  }
}
