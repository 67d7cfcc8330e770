package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** FORECAST and FORECAST_CROSSES in {@code POST /query}, over telemetry recorded through the API up to now. */
class QueryForecastApiTest {
  static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Disk;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"usedPercent","schema":"double"}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Fan;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"usedPercent","schema":"double"}]}]
      """;
  static final int HOURS = 48;
  /** The newest point is at the start of the current hour, so that "now" is within an hour of it. */
  static final Instant LAST = Instant.now().truncatedTo(ChronoUnit.HOURS);

  /** A small wobble, so that no series is a straight line the models would read as exact. */
  static double wobble(int hour) {
    return ((hour * 37) % 7 - 3) * 0.05;
  }

  /** Rising 1 an hour to 78 now: reaches 90 in about 12 h. */
  static double fast(int hour) {
    return 30 + hour + wobble(hour);
  }

  static void twin(Http http, String id, String model, int hours, IntToDoubleFunction value) {
    Http.Response created = http.put("/digitaltwins/" + id, "{\"$metadata\":{\"$model\":\"" + model + "\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    for (int hour = HOURS - hours; hour <= HOURS; hour++) {
      Http.Response sent = http.post("/digitaltwins/" + id + "/telemetry", "{\"usedPercent\":"
          + value.applyAsDouble(hour) + "}", "Telemetry-Source-Time", LAST.minus(Duration.ofHours(HOURS - hour))
          .toString());
      assertThat(sent.status()).as(sent.text()).isEqualTo(204);
    }
  }

  static List<String> ids(Http http, String query) {
    Http.Response r = http.post("/query", Json.MAPPER.createObjectNode().put("query", query).toString());
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("value").forEach(row -> out.add((row.has("T") ? row.path("T") : row).path("$dtId").asText()));
    return out;
  }

  @Test
  void findsExactlyTheTwinsWhoseTrendCrossesTheThreshold() throws Exception {
    TestServer.test((server, http) -> {
      assertThat(http.post("/models", MODELS).status()).isEqualTo(201);
      twin(http, "disk-fast", "dtmi:test:Disk;1", HOURS, QueryForecastApiTest::fast);
      twin(http, "disk-slow", "dtmi:test:Disk;1", HOURS, h -> 50 + 0.05 * h + wobble(h));
      twin(http, "disk-full", "dtmi:test:Disk;1", HOURS, h -> 95 + wobble(h));
      twin(http, "disk-new", "dtmi:test:Disk;1", 2, QueryForecastApiTest::fast);
      twin(http, "fan-1", "dtmi:test:Fan;1", HOURS, QueryForecastApiTest::fast);
      server.history().caughtUp().join();

      assertThat(ids(http, "SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:test:Disk;1') "
          + "AND FORECAST_CROSSES(T, 'usedPercent', 90, 'PT24H')")).containsExactly("disk-fast");
      assertThat(ids(http, "SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'usedPercent', 90, 'PT24H')"))
          .containsExactlyInAnyOrder("disk-fast", "fan-1");
      assertThat(ids(http, "SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'usedPercent', 90, 'PT6H')"))
          .as("about 12 h away").isEmpty();
      assertThat(ids(http, "SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:test:Disk;1') "
          + "AND NOT FORECAST_CROSSES(T, 'usedPercent', 90, 'PT24H')"))
          .as("already above and staying there is no crossing; two points are too little history to say")
          .containsExactlyInAnyOrder("disk-slow", "disk-full");

      Http.Response projected = http.post("/query", "{\"query\":\"SELECT T.$dtId, FORECAST(T, 'usedPercent', "
          + "'PT1H') AS next FROM DIGITALTWINS T WHERE FORECAST(T, 'usedPercent', 'PT1H') > 70 "
          + "AND IS_OF_MODEL(T, 'dtmi:test:Disk;1')\"}");
      JsonNode rows = projected.json().path("value");
      assertThat(rows).as(projected.text()).hasSize(2); // disk-fast and disk-full
      for (JsonNode row : rows) {
        if (row.path("$dtId").asText().equals("disk-fast")) {
          double hoursAhead = Duration.between(LAST, Instant.now().plus(Duration.ofHours(1))).toMinutes() / 60.0;
          assertThat(row.path("next").asDouble()).isBetween(fast(HOURS) + hoursAhead - 2, fast(HOURS) + hoursAhead + 2);
        }
      }
    });
  }

  @Test
  void aSeriesTheCallerMayNotReadIsNotForecast() throws Exception {
    String adminKey = "admin-key-for-tests-0123456789";
    TestServer.test(c -> c.withAuth(AuthConfig.required(adminKey)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + adminKey);
      assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
      twin(admin, "disk-fast", "dtmi:test:Disk;1", HOURS, QueryForecastApiTest::fast);
      server.history().caughtUp().join();
      assertThat(admin.put("/auth/policies/disk-readers", """
          {"roles":["reader"],"actions":["read","query"],"model":"dtmi:test:Disk;1",
           "exceptProperties":["usedPercent"]}""").status()).isEqualTo(200);
      Http reader = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
      // SELECT T rather than T.$dtId: for this caller a T.$dtId projection gives no rows even without a forecast
      String crosses = "SELECT T FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'usedPercent', 90, 'PT24H')";
      assertThat(ids(admin, crosses)).containsExactly("disk-fast");
      assertThat(ids(reader, crosses)).isEmpty();
      assertThat(ids(reader, "SELECT T FROM DIGITALTWINS T WHERE NOT FORECAST_CROSSES(T, 'usedPercent', 90, "
          + "'PT24H') OR FORECAST(T, 'usedPercent', 'PT1H') >= 0")).as("undefined, not false").isEmpty();
      assertThat(ids(reader, "SELECT T FROM DIGITALTWINS T")).as("the twin itself is readable")
          .containsExactly("disk-fast");
    });
  }

  @Test
  void aBadArgumentIsAQueryErrorWithItsPosition() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response r = http.post("/query", "{\"query\":\"SELECT * FROM DIGITALTWINS T WHERE "
          + "FORECAST_CROSSES(T, 'usedPercent', 'ninety', 'PT24H')\"}");
      assertThat(r.status()).as(r.text()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("QUERY_INVALID");
      JsonNode detail = r.json().path("error").path("details").get(0);
      assertThat(detail.path("code").asText()).isEqualTo("typeMismatch");
      assertThat(detail.path("target").asText()).isEqualTo("1:71");
      Http.Response line = http.post("/query", "{\"query\":\"SELECT * FROM DIGITALTWINS T WHERE "
          + "FORECAST_CROSSES(T, 'usedPercent', 90, 'PT24H', 'likely')\"}");
      assertThat(line.status()).as(line.text()).isEqualTo(400);
      assertThat(line.json().path("error").path("details").get(0).path("code").asText())
          .isEqualTo("invalidForecastLine");
    });
  }
}
