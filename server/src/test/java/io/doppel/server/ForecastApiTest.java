package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code GET /digitaltwins/{id}/forecast} over real HTTP, on telemetry recorded through the API. */
class ForecastApiTest {
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  static final int HOURS = 24 * 10;

  /** A daily cycle on a rising level: 50 at the start, about +0.1 per hour. */
  static double power(int hour) {
    return 50 + 0.1 * hour + 10 * Math.sin(2 * Math.PI * hour / 24) + ((hour * 37) % 7 - 3) * 0.2;
  }

  static void record(Http http, String id) {
    HistoryApiTest.meter(http, id);
    for (int hour = 0; hour < HOURS; hour++) {
      if (hour % 29 == 5) {
        continue; // gaps are interpolated
      }
      Http.Response sent = http.post("/digitaltwins/" + id + "/telemetry", "{\"power\":" + power(hour) + "}",
          "Telemetry-Source-Time", START.plus(Duration.ofHours(hour)).toString());
      assertThat(sent.status()).as(sent.text()).isEqualTo(204);
    }
  }

  @Test
  void forecastsWithIntervalsAndSaysWhenAThresholdIsCrossed() throws Exception {
    TestServer.test((server, http) -> {
      record(http, "m1");
      server.history().caughtUp().join();
      JsonNode f = http.get("/digitaltwins/m1/forecast?name=power&horizon=PT24H&threshold=80").json();
      assertThat(f.path("interval").asText()).isEqualTo("PT1H");
      assertThat(f.path("horizon").asInt()).isEqualTo(24);
      assertThat(f.path("reason").asText()).contains("periods [24]");
      assertThat(f.path("model").asText()).isNotEmpty();
      JsonNode points = f.path("points");
      assertThat(points).hasSize(24);
      assertThat(points.get(0).path("t").asText()).isEqualTo(START.plus(Duration.ofHours(HOURS)).toString());
      for (int i = 0; i < 24; i++) {
        JsonNode p = points.get(i);
        assertThat(p.path("v").asDouble()).isBetween(power(HOURS + i) - 3, power(HOURS + i) + 3);
        assertThat(p.path("lo95").asDouble()).isLessThanOrEqualTo(p.path("lo80").asDouble());
        assertThat(p.path("lo80").asDouble()).isLessThanOrEqualTo(p.path("v").asDouble());
        assertThat(p.path("hi80").asDouble()).isBetween(p.path("v").asDouble(), p.path("hi95").asDouble());
      }
      // the level reaches 74 + 10 at the daily peak (hour 6 of a day): the peak at hour 246 is about 84.6
      JsonNode threshold = f.path("threshold");
      assertThat(threshold.path("direction").asText()).isEqualTo("up");
      assertThat(threshold.path("at").asText()).isNotEmpty();
      Instant at = Instant.parse(threshold.path("at").asText());
      assertThat(at).isBetween(START.plus(Duration.ofHours(HOURS + 2)), START.plus(Duration.ofHours(HOURS + 8)));
      assertThat(Instant.parse(threshold.path("earliest").asText())).isBeforeOrEqualTo(at);
      assertThat(threshold.path("text").asText()).startsWith("crosses 80.0 at about " + at);

      JsonNode steps = http.get("/digitaltwins/m1/forecast?name=power&horizon=6&interval=PT2H").json();
      assertThat(steps.path("points")).hasSize(6);
      assertThat(steps.path("interval").asText()).isEqualTo("PT2H");
      JsonNode never = http.get("/digitaltwins/m1/forecast?name=power&horizon=PT6H&threshold=1000").json();
      assertThat(never.path("threshold").path("at").isNull()).isTrue();
      assertThat(never.path("threshold").path("text").asText()).contains("does not cross");
    });
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m2");
      http.post("/digitaltwins/m2/telemetry", "{\"power\":1}");
      server.history().caughtUp().join();
      expect(http.get("/digitaltwins/m2/forecast?horizon=5"), 400, "INVALID_ARGUMENT", "name");
      expect(http.get("/digitaltwins/m2/forecast?name=power"), 400, "INVALID_ARGUMENT", "horizon");
      expect(http.get("/digitaltwins/m2/forecast?name=power&horizon=soon"), 400, "INVALID_ARGUMENT", "horizon");
      expect(http.get("/digitaltwins/m2/forecast?name=power&horizon=0"), 400, "INVALID_ARGUMENT", "horizon");
      expect(http.get("/digitaltwins/m2/forecast?name=power&horizon=5&interval=hourly"), 400, "INVALID_ARGUMENT",
          "interval");
      expect(http.get("/digitaltwins/m2/forecast?name=power&horizon=5&threshold=high"), 400, "INVALID_ARGUMENT",
          "threshold");
      expect(http.get("/digitaltwins/m2/forecast?name=nothing&horizon=5"), 404, "SERIES_NOT_FOUND", "");
      // one point: a naive forecast with the reason, not an error
      JsonNode one = http.get("/digitaltwins/m2/forecast?name=power&horizon=3").json();
      assertThat(one.path("model").asText()).isEqualTo("naive");
      assertThat(one.path("points").get(2).path("v").asDouble()).isEqualTo(1);
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
