package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk use per model and retention rules set through the API, stored durably and applied by the sweep. */
class HistoryUsageApiTest {
  static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Meter;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"power","schema":"double"},
                    {"@type":"Telemetry","name":"mode","schema":"string"}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Pump;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"flow","schema":"double"}]}]
      """;
  static final String METER = "dtmi:test:Meter;1";

  @Test
  void usageMovesAsDataIsWrittenAndShrinksOnceRetentionSweepsIt(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      assertThat(http.post("/models", MODELS).status()).isEqualTo(201);
      http.put("/digitaltwins/m1", "{\"$metadata\":{\"$model\":\"dtmi:test:Meter;1\"}}");
      http.put("/digitaltwins/p1", "{\"$metadata\":{\"$model\":\"dtmi:test:Pump;1\"}}");
      assertThat(usage(http, METER).path("points").asLong()).isZero();

      Instant old = Instant.now().minusSeconds(30 * 86_400L);
      for (int i = 0; i < 50; i++) {
        post(http, "m1", "{\"power\":" + i + ",\"mode\":\"eco\"}", old.plusSeconds(i));
        post(http, "p1", "{\"flow\":" + i + "}", old.plusSeconds(i));
      }
      JsonNode before = usage(http, METER);
      assertThat(before.path("series").asLong()).isEqualTo(2);
      assertThat(before.path("points").asLong()).isEqualTo(100);
      assertThat(before.path("bytes").asLong()).isPositive();
      assertThat(before.path("oldest").asText()).isEqualTo(Instant.ofEpochMilli(old.toEpochMilli()).toString());
      long pumpBytes = usage(http, "dtmi:test:Pump;1").path("bytes").asLong();

      for (int i = 0; i < 10; i++) {
        post(http, "m1", "{\"power\":" + i + "}", Instant.now().minusSeconds(60 - i));
      }
      JsonNode more = usage(http, METER);
      assertThat(more.path("points").asLong()).isEqualTo(110);
      assertThat(more.path("bytes").asLong()).isGreaterThan(before.path("bytes").asLong());

      Http.Response set = http.put("/history/retention",
          "{\"rules\":[{\"model\":\"dtmi:test:Meter;1\",\"keep\":\"P7D\"}]}");
      assertThat(set.status()).as(set.text()).isEqualTo(200);
      assertThat(set.json().path("rules").get(0).path("keep").asText()).isEqualTo("PT168H");
      assertThat(http.post("/history/retention/sweep", "").json().path("seriesSwept").asInt()).isEqualTo(2);

      JsonNode after = usage(http, METER);
      assertThat(after.path("points").asLong()).isEqualTo(10); // the recent power points only
      assertThat(after.path("series").asLong()).isEqualTo(1); // mode had only old points
      assertThat(after.path("bytes").asLong()).isLessThan(more.path("bytes").asLong());
      assertThat(usage(http, "dtmi:test:Pump;1").path("bytes").asLong()).isEqualTo(pumpBytes); // no rule
    });
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      JsonNode rules = http.get("/history/retention").json();
      assertThat(rules.path("rules").get(0).path("model").asText()).isEqualTo(METER);
      assertThat(rules.path("default").isNull()).isTrue();
    });
  }

  @Test
  void refusesMalformedRetentionRulesNamingTheField() throws Exception {
    TestServer.test((server, http) -> {
      expectBad(http, "{\"rules\":[{\"model\":\"room\",\"keep\":\"P1D\"}]}", "rules[0].model");
      expectBad(http, "{\"rules\":[{\"model\":\"dtmi:x:A;1\",\"keep\":\"soon\"}]}", "rules[0].keep");
      expectBad(http, "{\"rules\":[{\"model\":\"dtmi:x:A;1\",\"keep\":\"P1D\"},"
          + "{\"model\":\"dtmi:x:A;1\",\"keep\":\"-P1D\"}]}", "rules[1].keep");
      expectBad(http, "{\"rules\":[{\"model\":\"dtmi:x:A;1\",\"name\":\"\",\"keep\":\"P1D\"}]}", "rules[0].name");
      expectBad(http, "{\"rules\":[{\"model\":\"dtmi:x:A;1\",\"keep\":\"P1D\",\"ttl\":1}]}", "rules[0].ttl");
      expectBad(http, "{\"rules\":{}}", "rules");
      expectBad(http, "{\"default\":\"PT0S\"}", "default");
      expectBad(http, "{\"keep\":\"P1D\"}", "keep");
      Http.Response unchanged = http.get("/history/retention");
      assertThat(unchanged.json().path("rules")).isEmpty();
    });
  }

  private static void expectBad(Http http, String body, String target) {
    HistoryExportApiTest.expect(http.put("/history/retention", body), 400, "INVALID_ARGUMENT", target);
  }

  private static void post(Http http, String id, String body, Instant at) {
    Http.Response sent = http.post("/digitaltwins/" + id + "/telemetry", body, "Telemetry-Source-Time",
        at.toString());
    assertThat(sent.status()).as(sent.text()).isEqualTo(204);
  }

  private static JsonNode usage(Http http, String model) {
    for (JsonNode entry : http.get("/history/usage").json().path("value")) {
      if (entry.path("model").asText().equals(model)) {
        return entry;
      }
    }
    return Http.MAPPER.createObjectNode().put("points", 0);
  }
}
