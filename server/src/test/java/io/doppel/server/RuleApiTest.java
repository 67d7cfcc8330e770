package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /rules} and {@code /alerts} over real HTTP, rules in a real RocksDB across a restart. */
class RuleApiTest {
  static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:api:Room;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"temperature","schema":"double","writable":true},
                    {"@type":"Property","name":"overheated","schema":"boolean","writable":true}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:api:Floor;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"averageTemperature","schema":"double","writable":true},
                    {"@type":"Relationship","name":"contains","target":"dtmi:api:Room;1"}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:api:Service;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"errors","schema":"double"},
                    {"@type":"Telemetry","name":"requests","schema":"double"},
                    {"@type":"Property","name":"errorRate","schema":"double","writable":true}]}]
      """;
  static final String FLOOR_AVERAGE = """
      {"kind":"derived","model":"dtmi:api:Floor;1","target":"averageTemperature",
       "expression":"avg(rel('contains').temperature)"}""";

  @Test
  void keepsAFloorsAverageAndListsTheRuleWithItsCounters() throws Exception {
    TestServer.test((server, http) -> {
      building(http);
      Http.Response put = http.put("/rules/floor-avg", FLOOR_AVERAGE);
      assertThat(put.status()).as(put.text()).isEqualTo(200);
      assertThat(put.json().path("id").asText()).isEqualTo("floor-avg");
      await().untilAsserted(() -> assertThat(http.get("/digitaltwins/f1").json().path("averageTemperature")
          .asDouble()).isEqualTo(22));
      http.patch("/digitaltwins/r1", "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":26}]");
      await().untilAsserted(() -> assertThat(http.get("/digitaltwins/f1").json().path("averageTemperature")
          .asDouble()).isEqualTo(25));

      await().until(() -> http.get("/rules/floor-avg").json().path("stats").path("writes").asLong() == 2);
      JsonNode listed = http.get("/rules").json().path("value");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).path("expression").asText()).isEqualTo("avg(rel('contains').temperature)");
      assertThat(listed.get(0).path("stats").path("writes").asLong()).isEqualTo(2);
      assertThat(listed.get(0).path("stats").path("errors").asLong()).isZero();
      assertThat(http.get("/rules/floor-avg").json().path("stats").path("evaluations").asLong()).isEqualTo(2);

      assertThat(http.delete("/rules/floor-avg").status()).isEqualTo(204);
      Http.Response gone = http.get("/rules/floor-avg");
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("RULE_NOT_FOUND");
    });
  }

  @Test
  void refusesABadRuleWith400NamingTheFieldAndPosition() throws Exception {
    TestServer.test((server, http) -> {
      building(http);
      Http.Response syntax = http.put("/rules/bad", FLOOR_AVERAGE.replace("avg(rel('contains').temperature)",
          "avg(rel('contains').temperature"));
      assertThat(syntax.status()).isEqualTo(400);
      assertThat(syntax.errorCode()).isEqualTo("RULE_INVALID");
      assertThat(syntax.targets().trim()).isEqualTo("expression");
      assertThat(syntax.json().path("error").path("message").asText())
          .isEqualTo("expression at 1:32: expected ')', got the end of the expression");
      Http.Response unknown = http.put("/rules/bad", FLOOR_AVERAGE.replace("averageTemperature", "avg"));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.targets().trim()).isEqualTo("target");
      Http.Response badId = http.put("/rules/" + Http.enc("no spaces"), FLOOR_AVERAGE);
      assertThat(badId.status()).isEqualTo(400);
      assertThat(badId.targets().trim()).isEqualTo("id");
      assertThat(http.put("/rules/bad", "[1]").status()).isEqualTo(400);
      assertThat(http.get("/alerts?state=ok").targets().trim()).isEqualTo("state");
      assertThat(http.get("/alerts?status=active").targets().trim()).isEqualTo("status");
      assertThat(http.get("/rules").json().path("value")).isEmpty();
    });
  }

  @Test
  void listsActiveAlertsAndWritesTheirStateToTheTwin() throws Exception {
    TestServer.test((server, http) -> {
      building(http);
      Http.Response put = http.put("/rules/overheat", """
          {"kind":"alert","model":"dtmi:api:Room;1","condition":"temperature > 30","clear":"temperature < 28",
           "severity":"critical","property":"overheated"}""");
      assertThat(put.status()).as(put.text()).isEqualTo(200);
      // evaluated over both rooms at once; neither is hot, so neither is written (no property is as good as ok)
      await().until(() -> http.get("/rules/overheat").json().path("stats").path("evaluations").asLong() == 2);
      assertThat(http.get("/digitaltwins/r1").json().has("overheated")).isFalse();
      try (SseClient sse = SseClient.connect(server.baseUri(), "/events?twin=r2&type=io.doppel.twin.patched")) {
        http.patch("/digitaltwins/r2", "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":33}]");
        List<SseClient.Event> events = sse.take(2); // the client's patch, then the alert's state written by the rule
        JsonNode raised = Http.MAPPER.readTree(events.get(1).data()).path("data").path("patch").get(0);
        assertThat(raised.path("path").asText()).isEqualTo("/overheated");
        assertThat(raised.path("value").asBoolean()).isTrue();
      }
      await().untilAsserted(() -> assertThat(http.get("/alerts?state=active").json().path("value")).hasSize(1));
      JsonNode alert = http.get("/alerts?state=active").json().path("value").get(0);
      assertThat(alert.path("rule").asText()).isEqualTo("overheat");
      assertThat(alert.path("twin").asText()).isEqualTo("r2");
      assertThat(alert.path("severity").asText()).isEqualTo("critical");
      assertThat(http.get("/digitaltwins/r2").json().path("overheated").asBoolean()).isTrue();
      assertThat(http.get("/alerts?state=pending").json().path("value")).isEmpty();
      assertThat(http.get("/rules/overheat").json().path("stats").path("active").asLong()).isEqualTo(1);
    });
  }

  @Test
  void derivesFromTelemetryPostedToTheHistory() throws Exception {
    TestServer.test((server, http) -> {
      assertThat(http.post("/models", MODELS).status()).isEqualTo(201);
      http.put("/digitaltwins/svc", "{\"$metadata\":{\"$model\":\"dtmi:api:Service;1\"}}");
      assertThat(http.put("/rules/error-rate", """
          {"kind":"derived","model":"dtmi:api:Service;1","target":"errorRate","expression":"errors / requests"}""")
          .status()).isEqualTo(200);
      assertThat(http.post("/digitaltwins/svc/telemetry", "{\"errors\":3,\"requests\":60}").status()).isEqualTo(204);
      await().untilAsserted(() -> assertThat(http.get("/digitaltwins/svc").json().path("errorRate").asDouble())
          .isEqualTo(0.05));
    });
  }

  @Test
  void rulesSurviveARestart(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      building(http);
      assertThat(http.put("/rules/floor-avg", FLOOR_AVERAGE).status()).isEqualTo(200);
      await().untilAsserted(() -> assertThat(http.get("/digitaltwins/f1").json().path("averageTemperature")
          .asDouble()).isEqualTo(22));
    });
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      assertThat(http.get("/rules/floor-avg").json().path("target").asText()).isEqualTo("averageTemperature");
      http.patch("/digitaltwins/r2", "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":30}]");
      await().untilAsserted(() -> assertThat(http.get("/digitaltwins/f1").json().path("averageTemperature")
          .asDouble()).isEqualTo(25));
    });
  }

  /** Floor f1 containing rooms r1 (20) and r2 (24). */
  private static void building(Http http) {
    assertThat(http.post("/models", MODELS).status()).isEqualTo(201);
    http.put("/digitaltwins/f1", "{\"$metadata\":{\"$model\":\"dtmi:api:Floor;1\"}}");
    http.put("/digitaltwins/r1", "{\"$metadata\":{\"$model\":\"dtmi:api:Room;1\"},\"temperature\":20}");
    http.put("/digitaltwins/r2", "{\"$metadata\":{\"$model\":\"dtmi:api:Room;1\"},\"temperature\":24}");
    for (String room : new String[] {"r1", "r2"}) {
      Http.Response rel = http.put("/digitaltwins/f1/relationships/" + room,
          "{\"$relationshipName\":\"contains\",\"$targetId\":\"" + room + "\"}");
      assertThat(rel.status()).as(rel.text()).isEqualTo(200);
    }
  }
}
