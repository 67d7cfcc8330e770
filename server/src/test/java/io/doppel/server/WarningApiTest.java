package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time-to-threshold warnings over real HTTP, on telemetry recorded through the API. */
class WarningApiTest {
  static final int HOURS = 145;
  /** Hourly data ending an hour ago, so that every bucket is complete. */
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS + 1));
  /** Where {@link #rising} crosses 90. */
  static final Instant TRUTH = START.plus(Duration.ofHours(160));
  static final String HOT = "{\"model\":\"dtmi:test:Meter;1\",\"series\":\"power\",\"above\":90,\"within\":\"PT24H\","
      + "\"interval\":\"PT1H\",\"level\":0.8}";

  static double rising(int hour) {
    return 50 + 0.25 * hour + ((hour * 37) % 11 - 5) * 0.15;
  }

  static void record(Http http, String id, int hours) {
    HistoryApiTest.meter(http, id);
    for (int hour = 0; hour < hours; hour++) {
      Http.Response sent = http.post("/digitaltwins/" + id + "/telemetry", "{\"power\":" + rising(hour) + "}",
          "Telemetry-Source-Time", START.plus(Duration.ofHours(hour)).toString());
      assertThat(sent.status()).as(sent.text()).isEqualTo(204);
    }
  }

  @Test
  void aRisingSeriesGetsAWarningWithItsIntervalAndRaisesAnAlert() throws Exception {
    TestServer.test((server, http) -> {
      record(http, "m1", HOURS);
      // a twin of the model with a flat series: no warning
      http.put("/digitaltwins/m2", "{\"$metadata\":{\"$model\":\"dtmi:test:SmartMeter;1\"},\"limit\":5}");
      for (int hour = 0; hour < 50; hour++) {
        http.post("/digitaltwins/m2/telemetry", "{\"power\":" + (40 + hour % 3) + "}",
            "Telemetry-Source-Time", START.plus(Duration.ofHours(hour)).toString());
      }
      server.history().caughtUp().join();
      Http.Response rule = http.put("/rules/power-warning", "{\"kind\":\"alert\",\"model\":\"dtmi:test:Meter;1\","
          + "\"condition\":\"warning(power)\",\"severity\":\"warning\"}");
      assertThat(rule.status()).as(rule.text()).isEqualTo(200);
      Http.Response defined = http.put("/warnings/hot", HOT);
      assertThat(defined.status()).as(defined.text()).isEqualTo(200);
      assertThat(defined.json().path("interval").asText()).isEqualTo("PT1H");

      JsonNode w = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
          () -> http.get("/digitaltwins/m1/warnings").json().path("value"), v -> v.size() == 1).get(0);
      assertThat(w.path("name").asText()).isEqualTo("hot");
      assertThat(w.path("series").asText()).isEqualTo("power");
      assertThat(w.path("threshold").asDouble()).isEqualTo(90);
      assertThat(w.path("direction").asText()).isEqualTo("above");
      assertThat(w.path("state").asText()).isEqualTo("expected");
      assertThat(w.path("level").asDouble()).isEqualTo(0.8);
      assertThat(w.path("lastValue").asDouble()).isEqualTo(rising(HOURS - 1));
      Instant expected = Instant.parse(w.path("expectedAt").asText());
      Instant earliest = Instant.parse(w.path("earliest").asText());
      Instant latest = Instant.parse(w.path("latest").asText());
      assertThat(TRUTH).isBetween(earliest, latest);
      assertThat(Duration.between(TRUTH, expected).abs()).isLessThanOrEqualTo(Duration.ofHours(3));
      assertThat(Instant.parse(w.path("computedAt").asText())).isAfter(START);
      assertThat(w.path("text").asText()).startsWith("power crosses 90 at about " + expected);

      assertThat(http.get("/digitaltwins/m2/warnings").json().path("value")).isEmpty();
      JsonNode all = http.get("/warnings/active").json().path("value");
      assertThat(all).hasSize(1);
      assertThat(all.get(0).path("twinId").asText()).isEqualTo("m1");

      // queryable: twins whose warning expects a crossing within a day, with a property condition
      JsonNode rows = http.post("/query", "{\"query\":\"SELECT T.$dtId FROM DIGITALTWINS T WHERE "
          + "WARNING_WITHIN(T, 'power', 'PT24H') AND T.limit = 5\"}").json().path("value");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).path("$dtId").asText()).isEqualTo("m1");
      JsonNode none = http.post("/query", "{\"query\":\"SELECT T.$dtId FROM DIGITALTWINS T WHERE "
          + "WARNING_WITHIN(T, 'power', 'PT24H') AND T.limit = 6\"}").json().path("value");
      assertThat(none).isEmpty();
      JsonNode scored = http.post("/query", "{\"query\":\"SELECT T.$dtId FROM DIGITALTWINS T WHERE "
          + "ANOMALY_SCORE(T, 'power') >= 0 AND NOT IS_ANOMALOUS(T, 'power')\"}").json().path("value");
      assertThat(scored).extracting(r -> r.path("$dtId").asText()).containsExactlyInAnyOrder("m1", "m2");

      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode alerts = http.get("/alerts?rule=power-warning").json().path("value");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("twin").asText()).isEqualTo("m1");
        assertThat(alerts.get(0).path("state").asText()).isEqualTo("active");
      });

      // deleting the definition ends its warnings, and the alert clears
      assertThat(http.delete("/warnings/hot").status()).isEqualTo(204);
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(http.get("/warnings/active").json().path("value")).isEmpty();
        assertThat(http.get("/alerts?rule=power-warning").json().path("value")).isEmpty();
      });
    });
  }

  @Test
  void definitionsAreManagedAndSurviveARestart(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      assertThat(http.put("/warnings/hot", HOT).status()).isEqualTo(200);
      assertThat(http.put("/warnings/low", "{\"twin\":\"pump-*\",\"series\":\"pressure\",\"below\":1.5,"
          + "\"within\":\"PT2H\"}").status()).isEqualTo(200);
    });
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      JsonNode list = http.get("/warnings").json().path("value");
      assertThat(list).hasSize(2);
      assertThat(list.get(0).path("name").asText()).isEqualTo("hot");
      JsonNode low = http.get("/warnings/low").json();
      assertThat(low.path("below").asDouble()).isEqualTo(1.5);
      assertThat(low.path("twin").asText()).isEqualTo("pump-*");
      assertThat(low.path("interval").asText()).isEqualTo("PT5M");
      assertThat(low.path("level").asDouble()).isEqualTo(0.8);
      assertThat(http.delete("/warnings/low").status()).isEqualTo(204);
      expect(http.get("/warnings/low"), 404, "WARNING_NOT_FOUND", "name");
      expect(http.delete("/warnings/low"), 404, "WARNING_NOT_FOUND", "name");
    });
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    TestServer.test((server, http) -> {
      expect(http.put("/warnings/w", "{\"series\":\"power\",\"above\":1,\"within\":\"PT1H\"}"), 400,
          "INVALID_ARGUMENT", "model");
      expect(http.put("/warnings/w", "{\"twin\":\"a\",\"series\":\"power\",\"above\":1,\"within\":\"tomorrow\"}"),
          400, "INVALID_ARGUMENT", "within");
      expect(http.put("/warnings/w", "{\"twin\":\"a\",\"series\":\"power\",\"above\":1,\"within\":\"PT1H\","
          + "\"level\":2}"), 400, "INVALID_ARGUMENT", "level");
      expect(http.put("/warnings/w", "{\"twin\":\"a\",\"series\":\"power\",\"within\":\"PT1H\"}"), 400,
          "INVALID_ARGUMENT", "above");
      expect(http.put("/warnings/active", HOT), 400, "INVALID_ARGUMENT", "name");
      expect(http.put("/warnings/w", "[1]"), 400, "INVALID_JSON", "");
      expect(http.get("/digitaltwins/nope/warnings"), 404, "TWIN_NOT_FOUND", "");
      assertThat(http.get("/warnings").json().path("value")).isEmpty();
    });
  }

  private static void expect(Http.Response response, int status, String code, String target) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.text()).isEqualTo(code);
    if (!target.isEmpty()) {
      assertThat(response.targets()).as(response.text()).contains(target);
    }
  }
}
