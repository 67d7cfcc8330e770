package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /digitaltwins/{id}/telemetry} and {@code GET /digitaltwins/{id}/history} over real HTTP. */
class HistoryApiTest {
  static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Meter;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"power","schema":"double"},
                    {"@type":"Property","name":"limit","schema":"double","writable":true}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:SmartMeter;1","@type":"Interface",
        "extends":"dtmi:test:Meter;1",
        "contents":[{"@type":"Telemetry","name":"voltage","schema":"integer"}]}]
      """;
  static final String FROM = "2026-12-01T00:00:00Z";
  static final String TO = "2026-12-01T01:00:00Z";

  @Test
  void recordsTelemetryAndReadsItRawAndInBuckets() throws Exception {
    TestServer.test((server, http) -> {
      meter(http, "m1");
      for (int i = 0; i < 6; i++) {
        Http.Response sent = http.post("/digitaltwins/m1/telemetry", "{\"power\":" + (10 + i) + ",\"voltage\":230}",
            "Telemetry-Source-Time", java.time.Instant.parse(FROM).plusSeconds(i * 20L).toString(),
            "Message-Id", "msg-" + i);
        assertThat(sent.status()).as(sent.text()).isEqualTo(204);
      }
      JsonNode raw = http.get(history("m1", "power")).json();
      assertThat(raw.path("name").asText()).isEqualTo("power");
      assertThat(raw.path("points")).hasSize(6);
      assertThat(raw.path("points").get(1).path("t").asText()).isEqualTo("2026-12-01T00:00:20Z");
      assertThat(raw.path("points").get(1).path("v").asDouble()).isEqualTo(11);

      JsonNode avg = http.get(history("m1", "power") + "&bucket=PT1M&agg=avg").json();
      assertThat(avg.path("points")).hasSize(2);
      assertThat(avg.path("points").get(0).path("t").asText()).isEqualTo("2026-12-01T00:00:00Z");
      assertThat(avg.path("points").get(0).path("v").asDouble()).isEqualTo(11); // 10, 11, 12
      assertThat(avg.path("points").get(1).path("v").asDouble()).isEqualTo(14); // 13, 14, 15
      JsonNode count = http.get(history("m1", "voltage") + "&bucket=PT1H&agg=count").json();
      assertThat(count.path("points").get(0).path("v").isIntegralNumber()).isTrue();
      assertThat(count.path("points").get(0).path("v").asLong()).isEqualTo(6);

      JsonNode latest = http.get("/digitaltwins/m1/history/latest").json();
      List<String> names = new ArrayList<>();
      latest.path("value").forEach(v -> names.add(v.path("name").asText()));
      assertThat(names).contains("power", "voltage", "limit");
    });
  }

  @Test
  void recordsPropertyChangesMadeThroughTheApi() throws Exception {
    TestServer.test((server, http) -> {
      meter(http, "m1");
      http.patch("/digitaltwins/m1", "[{\"op\":\"replace\",\"path\":\"/limit\",\"value\":7.5}]");
      Awaitility.await().untilAsserted(() -> assertThat(http.get("/digitaltwins/m1/history?name=limit&from="
          + "2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z").json().path("points")).hasSize(2));
      JsonNode points = http.get("/digitaltwins/m1/history?name=limit&from=2000-01-01T00:00:00Z"
          + "&to=2100-01-01T00:00:00Z").json().path("points");
      assertThat(points.get(1).path("v").asDouble()).isEqualTo(7.5);
    });
  }

  @Test
  void pagesLongRawReadsWithANextLink() throws Exception {
    TestServer.test((server, http) -> {
      meter(http, "m1");
      for (int i = 0; i < 5; i++) {
        http.post("/digitaltwins/m1/telemetry", "{\"power\":" + i + "}",
            "Telemetry-Source-Time", "2026-12-01T00:00:0" + i + "Z");
      }
      JsonNode first = http.get(history("m1", "power") + "&maxPoints=2").json();
      assertThat(first.path("points")).hasSize(2);
      List<Double> values = new ArrayList<>();
      JsonNode page = first;
      while (true) {
        page.path("points").forEach(p -> values.add(p.path("v").asDouble()));
        if (!page.path("nextLink").isTextual()) {
          break;
        }
        page = http.get(page.path("nextLink").asText()).json();
      }
      assertThat(values).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
    });
  }

  @Test
  void refusesBadInputWithAStableCodeAndTheOffendingField() throws Exception {
    TestServer.test((server, http) -> {
      meter(http, "m1");
      expect(http.post("/digitaltwins/ghost/telemetry", "{\"power\":1}"), 404, "TWIN_NOT_FOUND", "");
      expect(http.post("/digitaltwins/m1/telemetry", "{\"pressure\":1}"), 400, "VALIDATION_FAILED", "/pressure");
      expect(http.post("/digitaltwins/m1/telemetry", "{\"power\":\"high\"}"), 400, "VALIDATION_FAILED", "/power");
      expect(http.post("/digitaltwins/m1/telemetry", "{\"voltage\":1.5}"), 400, "VALIDATION_FAILED", "/voltage");
      expect(http.post("/digitaltwins/m1/telemetry", "{\"limit\":1}"), 400, "VALIDATION_FAILED", "/limit");
      expect(http.post("/digitaltwins/m1/telemetry", "[1]"), 400, "INVALID_JSON", "body");
      expect(http.post("/digitaltwins/m1/telemetry", "{\"power\":1}", "Telemetry-Source-Time", "yesterday"),
          400, "INVALID_ARGUMENT", "Telemetry-Source-Time");
      expect(http.get("/digitaltwins/ghost/history?name=power&from=" + FROM + "&to=" + TO), 404, "TWIN_NOT_FOUND", "");
      expect(http.get("/digitaltwins/m1/history?name=pressure&from=" + FROM + "&to=" + TO),
          404, "SERIES_NOT_FOUND", "name");
      expect(http.get("/digitaltwins/m1/history?name=power&from=2026-13-01T00:00:00Z&to=" + TO),
          400, "INVALID_ARGUMENT", "from");
      expect(http.get("/digitaltwins/m1/history?name=power&from=" + FROM), 400, "INVALID_ARGUMENT", "to");
      expect(http.get("/digitaltwins/m1/history?name=power&from=" + TO + "&to=" + FROM), 400, "INVALID_ARGUMENT",
          "to");
      expect(http.get(history("m1", "power") + "&bucket=1m"), 400, "INVALID_ARGUMENT", "bucket");
      expect(http.get(history("m1", "power") + "&bucket=P1M"), 400, "INVALID_ARGUMENT", "bucket");
      expect(http.get(history("m1", "power") + "&bucket=PT0.0001S"), 400, "INVALID_ARGUMENT", "bucket");
      expect(http.get(history("m1", "power") + "&bucket=PT1M&agg=median"), 400, "INVALID_ARGUMENT", "agg");
      expect(http.get(history("m1", "power") + "&agg=max"), 400, "INVALID_ARGUMENT", "agg");
      expect(http.get("/digitaltwins/m1/history?name=power&from=2000-01-01T00:00:00Z&to=" + TO + "&bucket=PT1S"),
          400, "INVALID_ARGUMENT", "bucket");
      expect(http.get(history("m1", "power") + "&maxPoints=0"), 400, "INVALID_ARGUMENT", "maxPoints");
    });
  }

  @Test
  void acknowledgedTelemetrySurvivesARestart(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      meter(http, "m1");
      Http.Response sent = http.post("/digitaltwins/m1/telemetry", "{\"power\":42.5}",
          "Telemetry-Source-Time", "2026-12-01T00:10:00+01:00");
      assertThat(sent.status()).isEqualTo(204);
    });
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      JsonNode points = http.get("/digitaltwins/m1/history?name=power&from=2026-11-30T00:00:00Z&to=" + TO).json()
          .path("points");
      assertThat(points).hasSize(1);
      assertThat(points.get(0).path("t").asText()).isEqualTo("2026-11-30T23:10:00Z");
      assertThat(points.get(0).path("v").asDouble()).isEqualTo(42.5);
    });
  }

  static void meter(Http http, String id) {
    assertThat(http.post("/models", MODELS).status()).isIn(201, 409);
    Http.Response created = http.put("/digitaltwins/" + id,
        "{\"$metadata\":{\"$model\":\"dtmi:test:SmartMeter;1\"},\"limit\":5}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
  }

  private static String history(String id, String name) {
    return "/digitaltwins/" + id + "/history?name=" + name + "&from=" + FROM + "&to=" + TO;
  }

  private static void expect(Http.Response response, int status, String code, String target) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.text()).isEqualTo(code);
    if (!target.isEmpty()) {
      assertThat(response.targets()).as(response.text()).contains(target);
    }
  }
}
