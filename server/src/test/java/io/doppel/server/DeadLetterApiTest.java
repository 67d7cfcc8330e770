package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /deadletters} over real HTTP: paging, filters, payload encodings, replay of one and of many, errors. */
class DeadLetterApiTest {

  private static void ingest(DoppelServer server, String connector, String topic, byte[] payload) {
    server.ingestor().ingest(new Message(connector, "dev-1", topic, "key-1", payload, Map.of("h", "v"),
        Instant.now())).join();
  }

  @Test
  void listsPagesAndFiltersWithPayloadsAsTextOrBase64() throws Exception {
    TestServer.test((server, http) -> {
      ingest(server, "kafka-a", "no/such/topic", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
      ingest(server, "mqtt", "twins/ghost/telemetry", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
      ingest(server, "kafka-a", "twins/ghost/telemetry", new byte[] {(byte) 0xc3, 0x28});

      JsonNode all = http.get("/deadletters").json();
      assertThat(all.path("count").asLong()).isEqualTo(3);
      assertThat(all.path("evicted").asLong()).isZero();
      JsonNode first = all.path("value").get(0);
      assertThat(first.path("reason").asText()).isEqualTo("NO_MAPPING");
      assertThat(first.path("payloadEncoding").asText()).isEqualTo("utf-8");
      assertThat(first.path("payload").asText()).isEqualTo("{\"x\":1}");
      assertThat(first.path("headers").path("h").asText()).isEqualTo("v");
      assertThat(first.path("mapping").asText()).isEqualTo("convention");
      assertThat(all.path("value").get(1).path("reason").asText()).isEqualTo("TWIN_NOT_FOUND");
      assertThat(all.path("value").get(1).path("twinId").asText()).isEqualTo("ghost");
      JsonNode binary = all.path("value").get(2);
      assertThat(binary.path("payloadEncoding").asText()).isEqualTo("base64");
      assertThat(binary.path("payload").asText()).isEqualTo("wyg=");

      JsonNode page = http.get("/deadletters?maxItems=1").json();
      assertThat(page.path("value")).hasSize(1);
      long after = page.path("nextAfter").asLong();
      JsonNode rest = http.get("/deadletters?maxItems=5&after=" + after).json();
      assertThat(rest.path("value")).hasSize(2);
      assertThat(rest.path("nextAfter").isNull()).isTrue();
      assertThat(http.get("/deadletters?connector=kafka-a").json().path("value")).hasSize(2);

      long id = first.path("id").asLong();
      assertThat(http.get("/deadletters/" + id).json().path("topic").asText()).isEqualTo("no/such/topic");
      assertThat(http.get("/deadletters/999").errorCode()).isEqualTo("DEAD_LETTER_NOT_FOUND");
      assertThat(http.get("/deadletters/abc").status()).isEqualTo(400);
      assertThat(http.get("/deadletters?maxItems=0").targets().trim()).isEqualTo("maxItems");
      assertThat(http.get("/deadletters?after=-1").targets().trim()).isEqualTo("after");
      assertThat(http.delete("/deadletters/999").status()).isEqualTo(404);
    });
  }

  @Test
  void replayKeepsWhatStillFailsAndRemovesWhatNowApplies() throws Exception {
    TestServer.test((server, http) -> {
      IngestFixtures.sensors(http, "s1");
      ingest(server, "kafka-a", "lab/s1/fw", "{\"fw\":\"3.1\"}".getBytes(StandardCharsets.UTF_8));
      ingest(server, "kafka-a", "lab/s1/fw", "{\"version\":\"3.2\"}".getBytes(StandardCharsets.UTF_8));
      long id = http.get("/deadletters").json().path("value").get(0).path("id").asLong();

      JsonNode still = http.post("/deadletters/" + id + ":replay", "").json();
      assertThat(still.path("applied").asBoolean()).isFalse();
      assertThat(still.path("reason").asText()).isEqualTo("NO_MAPPING");

      http.put("/mappings/fw", """
          {"match":{"topic":"lab/+/fw"},"model":"dtmi:test:Sensor;1","twinId":"{topic[1]}",
           "properties":{"firmware":"$.fw"}}
          """);
      JsonNode one = http.post("/deadletters/" + id + ":replay", "").json();
      assertThat(one.path("applied").asBoolean()).as(one.toString()).isTrue();
      assertThat(http.get("/digitaltwins/s1").json().path("firmware").asText()).isEqualTo("3.1");
      assertThat(http.get("/deadletters/" + id).status()).isEqualTo(404);

      JsonNode all = http.post("/deadletters:replay", "").json();
      assertThat(all.path("replayed").asInt()).isEqualTo(1);
      assertThat(all.path("failed").asInt()).isEqualTo(1);
      JsonNode kept = http.get("/deadletters").json().path("value").get(0);
      assertThat(kept.path("reason").asText()).isEqualTo("FIELD_MISSING");
      assertThat(kept.path("mapping").asText()).isEqualTo("fw@1");
      assertThat(kept.path("detail").asText()).contains("properties.firmware").contains("$.fw");
      assertThat(http.post("/deadletters:replay", "{\"maxItems\":0}").targets().trim()).isEqualTo("maxItems");
      assertThat(http.post("/deadletters/77:replay", "").errorCode()).isEqualTo("DEAD_LETTER_NOT_FOUND");
    });
  }
}
