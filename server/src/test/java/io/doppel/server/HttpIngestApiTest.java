package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code POST /ingest} and {@code POST /ingest/batch} over real HTTP, through the ingestor to history and twins. */
class HttpIngestApiTest {
  @Test
  void aMessageIsMappedAppliedAndDurable() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      String at = "2026-12-01T00:00:10Z";
      Http.Response sent = http.post("/ingest?topic=twins/m1/telemetry", "{\"power\": 7.5}",
          "Telemetry-Source-Time", at, "X-Doppel-Source", "gateway-7");
      assertThat(sent.status()).as(sent.text()).isEqualTo(200);
      assertThat(sent.json().path("outcome").asText()).isEqualTo("applied");
      JsonNode points = http.get("/digitaltwins/m1/history?name=power&from=2026-12-01T00:00:00Z"
          + "&to=2026-12-01T01:00:00Z").json().path("points");
      assertThat(points).hasSize(1);
      assertThat(points.get(0).path("t").asText()).isEqualTo(at);
      JsonNode connection = http.get("/digitaltwins/m1/connection").json();
      assertThat(connection.path("online").asBoolean()).isTrue();
      assertThat(connection.path("source").path("channel").asText()).isEqualTo("http");
      assertThat(connection.path("source").path("source").asText()).isEqualTo("gateway-7");
      assertThat(http.post("/ingest?topic=twins/m1/properties", "{\"limit\": 9}").status()).isEqualTo(200);
      assertThat(http.get("/digitaltwins/m1").json().path("limit").asDouble()).isEqualTo(9);
    });
  }

  @Test
  void whatCannotBeAppliedIsKeptAsADeadLetterAndSaysWhy() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      Http.Response broken = http.post("/ingest?topic=twins/m1/telemetry", "{\"power\": 7.5,,}");
      assertThat(broken.status()).isEqualTo(202);
      assertThat(broken.json().path("outcome").asText()).isEqualTo("deadLettered");
      assertThat(broken.json().path("reason").asText()).isEqualTo("PAYLOAD_NOT_JSON");
      assertThat(broken.json().path("detail").asText()).contains("line 1, column 15");
      Http.Response wrongType = http.post("/ingest?topic=twins/m1/properties", "{\"limit\": \"high\"}");
      assertThat(wrongType.json().path("reason").asText()).isEqualTo("VALIDATION_FAILED");
      assertThat(server.ingestor().deadLetters().count()).isEqualTo(2);
    });
  }

  @Test
  void aBatchAnswersEachMessagesOutcomeInOrder() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      StringBuilder body = new StringBuilder("{\"messages\":[");
      for (int i = 0; i < 50; i++) {
        body.append("{\"topic\":\"twins/m1/telemetry\",\"payload\":{\"power\":").append(i)
            .append("},\"headers\":{\"Telemetry-Source-Time\":\"")
            .append(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i)).append("\"}},");
      }
      body.append("{\"topic\":\"twins/nobody/telemetry\",\"payload\":{\"power\":1}},");
      body.append("{\"topic\":\"twins/m1/telemetry\",\"payloadBase64\":\"bm90IGpzb24=\"}]}");
      Http.Response sent = http.post("/ingest/batch", body.toString());
      assertThat(sent.status()).as(sent.text()).isEqualTo(200);
      JsonNode out = sent.json();
      assertThat(out.path("applied").asInt()).isEqualTo(50);
      assertThat(out.path("deadLettered").asInt()).isEqualTo(2);
      assertThat(out.path("results").get(50).path("reason").asText()).isEqualTo("TWIN_NOT_FOUND");
      assertThat(out.path("results").get(51).path("reason").asText()).isEqualTo("PAYLOAD_NOT_JSON");
      assertThat(http.get("/digitaltwins/m1/history?name=power&from=2026-12-01T00:00:00Z&to=2026-12-01T01:00:00Z")
          .json().path("points")).hasSize(50);
    });
  }

  @Test
  void badRequestsNameTheField() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response noTopic = http.post("/ingest", "{}");
      assertThat(noTopic.status()).isEqualTo(400);
      assertThat(noTopic.text()).contains("topic");
      Http.Response notArray = http.post("/ingest/batch", "{\"messages\": 3}");
      assertThat(notArray.status()).isEqualTo(400);
      assertThat(notArray.text()).contains("messages");
      Http.Response noPayload = http.post("/ingest/batch", "{\"messages\": [{\"topic\": \"twins/a/telemetry\"}]}");
      assertThat(noPayload.status()).isEqualTo(400);
      assertThat(noPayload.text()).contains("messages[0].payload");
      assertThat(server.ingestor().deadLetters().count()).isZero();
    });
  }
}
