package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /scenarios} over real HTTP on the demo twin: versions, runs with progress and comparison, calibration. */
class ScenarioApiTest {
  private static final String MORE_DEMAND = """
      {"name": "half as much demand again", "horizon": 400, "warmup": 40, "replications": 4, "seed": 2, "window": 40,
       "changes": [{"type": "demand", "factor": 1.5}]}""";

  static JsonNode await(Http http, String scenario, String run) throws InterruptedException {
    for (int i = 0; i < 6000; i++) {
      JsonNode r = http.get("/scenarios/" + scenario + "/runs/" + run).json();
      if (!r.path("status").asText().equals("queued") && !r.path("status").asText().equals("running")) {
        return r;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + run + " did not finish");
  }

  static JsonNode row(JsonNode comparison, String scope, String metric) {
    for (JsonNode row : comparison) {
      if (row.path("scope").asText().equals(scope) && row.path("metric").asText().equals(metric)) {
        return row;
      }
    }
    throw new AssertionError("no row " + scope + " " + metric);
  }

  @Test
  void storesVersionsRunsAsynchronouslyAndComparesWithTheBaseline() throws Exception {
    TestServer.test(c -> c.withDemo(true), (server, http) -> {
      Http.Response first = http.put("/scenarios/peak", MORE_DEMAND);
      assertThat(first.status()).as(first.text()).isEqualTo(201);
      assertThat(first.json().path("version").asInt()).isEqualTo(1);
      Http.Response second = http.put("/scenarios/peak", MORE_DEMAND.replace("\"seed\": 2", "\"seed\": 3"));
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.json().path("version").asInt()).isEqualTo(2);
      assertThat(http.get("/scenarios/peak?version=1").json().path("definition").path("seed").asInt()).isEqualTo(2);
      assertThat(http.get("/scenarios/peak").json().path("versions")).hasSize(2);
      assertThat(http.get("/scenarios").json().path("value")).hasSize(1);

      Http.Response started = http.post("/scenarios/peak/runs", "");
      assertThat(started.status()).as(started.text()).isEqualTo(202);
      String run = started.json().path("id").asText();
      assertThat(started.json().path("progress").path("replications").asInt()).isEqualTo(8);
      JsonNode done = await(http, "peak", run);
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
      assertThat(done.path("progress").path("fraction").asDouble()).isEqualTo(1.0);
      JsonNode comparison = done.path("result").path("comparison");
      JsonNode util = row(comparison, "web-frontend", "utilisation");
      assertThat(util.path("scenario").path("mean").asDouble())
          .isGreaterThan(1.35 * util.path("baseline").path("mean").asDouble());
      assertThat(util.path("separated").asBoolean()).isTrue();
      assertThat(row(comparison, "network", "throughput").path("verdict").asText()).isEqualTo("better");
      assertThat(done.path("result").path("scenario").path("series").path("web-frontend.utilisation"))
          .hasSize(10);
      assertThat(http.get("/scenarios/peak/runs").json().path("value")).hasSize(1);
      assertThat(http.get("/scenarios/peak/runs/nope").errorCode()).isEqualTo("SCENARIO_RUN_NOT_FOUND");

      assertThat(http.delete("/scenarios/peak").status()).isEqualTo(204);
      assertThat(http.get("/scenarios/peak").errorCode()).isEqualTo("SCENARIO_NOT_FOUND");
      assertThat(http.post("/scenarios/peak/runs", "").status()).isEqualTo(404);
    });
  }

  @Test
  void runsAndTheirResultsSurviveARestartAndARunTheStopCutShortShowsAsInterrupted(@TempDir Path data)
      throws Exception {
    String done;
    JsonNode before;
    String cutShort;
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true).withDataDir(data))) {
      Http http = new Http(server.baseUri());
      assertThat(http.put("/scenarios/peak", MORE_DEMAND).status()).isEqualTo(201);
      done = http.post("/scenarios/peak/runs", "").json().path("id").asText();
      before = await(http, "peak", done);
      assertThat(before.path("status").asText()).isEqualTo("done");
      // a long run, still going when the server stops
      assertThat(http.put("/scenarios/long", MORE_DEMAND.replace("\"horizon\": 400", "\"horizon\": 40000")
          .replace("\"replications\": 4", "\"replications\": 40")).status()).isEqualTo(201);
      cutShort = http.post("/scenarios/long/runs", "").json().path("id").asText();
    }
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true).withDataDir(data))) {
      Http http = new Http(server.baseUri());
      JsonNode after = http.get("/scenarios/peak/runs/" + done).json();
      assertThat(after).isEqualTo(before);
      JsonNode listed = http.get("/scenarios/peak/runs").json().path("value");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).path("comparison")).isEqualTo(before.path("result").path("comparison"));
      assertThat(listed.get(0).has("result")).isFalse();
      JsonNode interrupted = http.get("/scenarios/long/runs/" + cutShort).json();
      assertThat(interrupted.path("status").asText()).isEqualTo("failed");
      assertThat(interrupted.path("error").path("code").asText()).isEqualTo("RUN_INTERRUPTED");
      // cancelling a run kept from before changes nothing
      assertThat(http.delete("/scenarios/long/runs/" + cutShort).json().path("status").asText()).isEqualTo("failed");
    }
  }

  @Test
  void theDocumentedScenarioFitsTheDemoAndItsRunCanBeCancelled() throws Exception {
    String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "simulation.md"));
    int section = page.indexOf("## Scenarios");
    int start = page.indexOf("```json", section) + "```json".length();
    String example = page.substring(start, page.indexOf("```", start));
    TestServer.test(c -> c.withDemo(true), (server, http) -> {
      Http.Response put = http.put("/scenarios/black-friday", example);
      assertThat(put.status()).as(put.text()).isEqualTo(201);
      Http.Response started = http.post("/scenarios/black-friday/runs", "");
      assertThat(started.status()).as(started.text()).isEqualTo(202);
      String run = started.json().path("id").asText();
      Http.Response cancelled = http.delete("/scenarios/black-friday/runs/" + run);
      assertThat(cancelled.status()).isEqualTo(200);
      JsonNode end = await(http, "black-friday", run);
      assertThat(end.path("status").asText()).isEqualTo("cancelled");
    });
  }

  @Test
  void badDefinitionsAndChangesAreRejectedNamingTheField() throws Exception {
    TestServer.test(c -> c.withDemo(true), (server, http) -> {
      Http.Response bad = http.put("/scenarios/x", "{\"replications\": 0}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(bad.targets()).contains("replications");
      assertThat(http.put("/scenarios/x", "[1]").status()).isEqualTo(400);
      assertThat(http.put("/scenarios/bad%20id", "{}").status()).isEqualTo(400);

      http.put("/scenarios/ghost", """
          {"changes": [{"type": "setProperty", "twin": "no-such-service", "property": "replicas", "value": 2}]}""");
      Http.Response ghost = http.post("/scenarios/ghost/runs", "");
      assertThat(ghost.status()).as(ghost.text()).isEqualTo(400);
      assertThat(ghost.targets()).contains("changes[0].twin");

      http.put("/scenarios/zero", """
          {"changes": [{"type": "setProperty", "twin": "api-gateway", "property": "replicas", "value": 0}]}""");
      Http.Response zero = http.post("/scenarios/zero/runs", "");
      assertThat(zero.status()).isEqualTo(400);
      assertThat(zero.targets()).contains("twins[api-gateway].replicas");

      Http.Response window = http.put("/scenarios/outage", """
          {"horizon": 600, "changes": [{"type": "fail", "twin": "api-gateway", "start": 600, "duration": 60}]}""");
      assertThat(window.status()).as(window.text()).isEqualTo(400);
      assertThat(window.targets()).contains("changes[0].start");
      Http.Response source = http.put("/scenarios/outage", """
          {"horizon": 600, "changes": [{"type": "fail", "twin": "users", "start": 60, "duration": 60}]}""");
      assertThat(source.status()).isEqualTo(201);
      Http.Response notAStation = http.post("/scenarios/outage/runs", "");
      assertThat(notAStation.status()).as(notAStation.text()).isEqualTo(400);
      assertThat(notAStation.targets()).contains("changes[0].twin");
    });
  }

  @Test
  void calibrationRecoversTheRecordedArrivalRate() throws Exception {
    TestServer.test(c -> c.withDemo(true), (server, http) -> {
      Instant from = Instant.parse("2026-11-30T10:00:00Z");
      for (int i = 0; i < 60; i++) {
        Http.Response sent = http.post("/digitaltwins/users/telemetry", "{\"requestRate\": " + (70 + (i % 2) * 20)
            + "}", "Telemetry-Source-Time", from.plusSeconds(i * 10L).toString());
        assertThat(sent.status()).as(sent.text()).isEqualTo(204);
      }
      server.history().caughtUp().get();
      http.put("/scenarios/base", "{\"horizon\": 300, \"warmup\": 30, \"replications\": 3}");
      Http.Response started = http.post("/scenarios/base/calibrate",
          "{\"from\": \"2026-11-30T10:00:00Z\", \"to\": \"2026-11-30T10:10:00Z\"}");
      assertThat(started.status()).as(started.text()).isEqualTo(202);
      JsonNode done = await(http, "base", started.json().path("id").asText());
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
      JsonNode estimate = done.path("calibration").path("estimates").get(0);
      assertThat(estimate.path("twin").asText()).isEqualTo("users");
      assertThat(estimate.path("property").asText()).isEqualTo("arrivalRate");
      assertThat(estimate.path("value").asDouble()).isEqualTo(80.0);
      JsonNode users = row(done.path("result").path("comparison"), "web-frontend", "throughput");
      assertThat(users.path("scenario").path("mean").asDouble()).isBetween(72.0, 88.0);

      Http.Response empty = http.post("/scenarios/base/calibrate",
          "{\"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2020-01-02T00:00:00Z\"}");
      assertThat(empty.status()).isEqualTo(400);
      assertThat(http.post("/scenarios/base/calibrate", "{\"from\": \"yesterday\"}").targets()).contains("from");
    });
  }
}
