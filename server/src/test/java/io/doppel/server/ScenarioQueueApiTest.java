package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import org.junit.jupiter.api.Test;

/**
 * The bounded scenario run queue over real HTTP: with room for two waiting runs behind a long one, a third is
 * refused with 429 and Retry-After, waiting runs show their place in line, and cancelling one moves the others up
 * and frees its place.
 */
class ScenarioQueueApiTest {
  private static final String LONG = """
      {"horizon": 40000, "warmup": 40, "replications": 40, "seed": 2, "window": 400,
       "changes": [{"type": "demand", "factor": 1.5}]}""";

  @Test
  void runsPastTheBoundAreRefusedAndQueuedOnesShowTheirPlaceAndCanBeCancelled() throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true), HistoryOptions.defaults(),
        IngestOptions.defaults(), AdmissionOptions.defaults().withMaxQueuedScenarioRuns(2))) {
      Http http = new Http(server.baseUri());
      assertThat(http.put("/scenarios/long", LONG).status()).isEqualTo(201);
      String running = start(http);
      awaitStatus(http, running, "running");

      String first = start(http);
      String second = start(http);
      assertThat(run(http, first).path("status").asText()).isEqualTo("queued");
      assertThat(run(http, first).path("queuePosition").asInt()).isEqualTo(1);
      assertThat(run(http, second).path("queuePosition").asInt()).isEqualTo(2);
      assertThat(run(http, running).has("queuePosition")).isFalse();

      Http.Response refused = http.post("/scenarios/long/runs", "");
      assertThat(refused.status()).as(refused.text()).isEqualTo(429);
      assertThat(refused.errorCode()).isEqualTo("SCENARIO_QUEUE_FULL");
      assertThat(refused.targets()).contains("Retry-After");
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, ScenarioQueue.MAX_RETRY_SECONDS);
      assertThat(http.post("/scenarios/long/calibrate", "").errorCode()).as("calibrations share the line")
          .isEqualTo("SCENARIO_QUEUE_FULL");
      assertThat(http.get("/scenarios/long/runs").json().path("value")).hasSize(3);

      JsonNode cancelled = http.delete("/scenarios/long/runs/" + first).json();
      assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
      assertThat(cancelled.has("queuePosition")).isFalse();
      assertThat(run(http, second).path("queuePosition").asInt()).as("moved up").isEqualTo(1);
      String third = start(http); // the cancelled run's place is free again
      assertThat(run(http, third).path("queuePosition").asInt()).isEqualTo(2);

      for (String id : new String[] {running, second, third}) {
        assertThat(http.delete("/scenarios/long/runs/" + id).status()).isEqualTo(200);
      }
      awaitStatus(http, third, "cancelled");
      assertThat(ScenarioApiTest.await(http, "long", second).path("status").asText()).isEqualTo("cancelled");
    }
  }

  private static String start(Http http) {
    Http.Response started = http.post("/scenarios/long/runs", "");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    return started.json().path("id").asText();
  }

  private static JsonNode run(Http http, String id) {
    return http.get("/scenarios/long/runs/" + id).json();
  }

  private static void awaitStatus(Http http, String id, String status) throws InterruptedException {
    for (int i = 0; i < 2000; i++) {
      if (run(http, id).path("status").asText().equals(status)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " never became " + status + ": " + run(http, id));
  }
}
