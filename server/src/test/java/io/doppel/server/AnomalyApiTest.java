package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Live anomaly scoring of recorded telemetry and properties, over real HTTP. */
class AnomalyApiTest {

  @Test
  void scoresEachTelemetryValueAndExplainsTheAnomaly() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      for (int i = 0; i < 400; i++) {
        Http.Response sent = http.post("/digitaltwins/m1/telemetry", "{\"power\":" + (100 + Math.sin(i * 1.7)) + "}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(204);
      }
      http.post("/digitaltwins/m1/telemetry", "{\"power\":900}");
      Awaitility.await().untilAsserted(() ->
          assertThat(http.get("/digitaltwins/m1/anomalies?name=power").json().path("series").get(0)
              .path("count").asLong()).isEqualTo(401));
      JsonNode power = http.get("/digitaltwins/m1/anomalies?name=power").json().path("series").get(0);
      assertThat(power.path("name").asText()).isEqualTo("power");
      assertThat(power.path("sensitivity").asDouble()).isEqualTo(1.0);
      assertThat(power.path("points")).hasSize(401);
      assertThat(power.path("anomalies")).hasSize(1);
      JsonNode anomaly = power.path("anomalies").get(0);
      assertThat(anomaly.path("value").asDouble()).isEqualTo(900);
      assertThat(anomaly.path("score").asDouble()).isBetween(0.5, 1.0);
      assertThat(anomaly.path("anomaly").asBoolean()).isTrue();
      assertThat(anomaly.path("kind").asText()).isIn("spike", "new_extreme");
      assertThat(anomaly.path("expectedHigh").asDouble()).isBetween(100.0, 110.0);
      assertThat(anomaly.path("deviation").asDouble()).isGreaterThan(10);

      JsonNode all = http.get("/digitaltwins/m1/anomalies").json().path("series");
      assertThat(all.findValuesAsText("name")).contains("power", "limit"); // the twin's numeric property too
      assertThat(all.get(0).has("points")).isFalse();
      JsonNode none = http.get("/digitaltwins/m1/anomalies?name=power&from=2000-01-01T00:00:00Z"
          + "&to=2000-01-02T00:00:00Z").json().path("series").get(0);
      assertThat(none.path("points")).isEmpty();
    });
  }

  @Test
  void anAlertRuleOnAnomalyRaisesAnAlertWhenTheSeriesBreaks() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      Http.Response rule = http.put("/rules/power-anomaly", "{\"kind\":\"alert\",\"model\":\"dtmi:test:Meter;1\","
          + "\"condition\":\"anomaly(power) >= 0.5\",\"severity\":\"critical\"}");
      assertThat(rule.status()).as(rule.text()).isIn(200, 201);
      for (int i = 0; i < 400; i++) {
        http.post("/digitaltwins/m1/telemetry", "{\"power\":" + (100 + Math.sin(i * 1.7)) + "}");
      }
      assertThat(http.get("/alerts").json().path("value")).isEmpty();
      http.post("/digitaltwins/m1/telemetry", "{\"power\":900}");
      Awaitility.await().untilAsserted(() -> {
        JsonNode alerts = http.get("/alerts").json().path("value");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("rule").asText()).isEqualTo("power-anomaly");
        assertThat(alerts.get(0).path("twin").asText()).isEqualTo("m1");
        assertThat(alerts.get(0).path("state").asText()).isEqualTo("active");
      });

      Http.Response wrong = http.put("/rules/bad", "{\"kind\":\"alert\",\"model\":\"dtmi:test:Meter;1\","
          + "\"condition\":\"anomaly(nothing) > 0.5\"}");
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.errorCode()).isEqualTo("RULE_INVALID");
    });
  }

  @Test
  void sensitivityIsSetPerSeriesAndBadRequestsAreNamed() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      Http.Response set = http.put("/digitaltwins/m1/anomalies/settings?name=power", "{\"sensitivity\":2.5}");
      assertThat(set.status()).as(set.text()).isEqualTo(200);
      assertThat(http.get("/digitaltwins/m1/anomalies/settings?name=power").json().path("sensitivity").asDouble())
          .isEqualTo(2.5);
      http.post("/digitaltwins/m1/telemetry", "{\"power\":1}");
      Awaitility.await().untilAsserted(() -> assertThat(http.get("/digitaltwins/m1/anomalies?name=power").json()
          .path("series").get(0).path("sensitivity").asDouble()).isEqualTo(2.5));

      Http.Response zero = http.put("/digitaltwins/m1/anomalies/settings?name=power", "{\"sensitivity\":0}");
      assertThat(zero.status()).isEqualTo(400);
      assertThat(zero.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(zero.targets()).contains("sensitivity");
      Http.Response typo = http.put("/digitaltwins/m1/anomalies/settings?name=power", "{\"sensitivty\":2}");
      assertThat(typo.status()).isEqualTo(400);
      assertThat(typo.targets()).contains("sensitivty");
      Http.Response noName = http.put("/digitaltwins/m1/anomalies/settings", "{\"sensitivity\":2}");
      assertThat(noName.status()).isEqualTo(400);
      assertThat(noName.targets()).contains("name");
      assertThat(http.get("/digitaltwins/nobody/anomalies").errorCode()).isEqualTo("TWIN_NOT_FOUND");
      assertThat(http.get("/digitaltwins/m1/anomalies?name=voltage").errorCode()).isEqualTo("SERIES_NOT_FOUND");
      Http.Response badTime = http.get("/digitaltwins/m1/anomalies?name=power&from=yesterday");
      assertThat(badTime.status()).isEqualTo(400);
      assertThat(badTime.targets()).contains("from");
    });
  }
}
