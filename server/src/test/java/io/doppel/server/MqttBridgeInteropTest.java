package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT bridge against a real Mosquitto ({@code -Pinterop}): messages published with {@code mosquitto_pub} are
 * mapped onto twins; a paused bridge gets what was published meanwhile (persistent session, QoS 1); a broker that
 * restarts is reconnected to.
 */
@Tag("interop")
class MqttBridgeInteropTest {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void bridgesMessagesSurvivesPauseAndReconnectsAfterABrokerRestart(@TempDir Path dir) throws Exception {
    try (Mosquitto broker = new Mosquitto(dir); DoppelServer server = DoppelServer.start(ServerConfig.ephemeral()
        .withDataDir(dir.resolve("data")))) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "north-d1");
      assertThat(http.put("/mappings/bridge", """
          {"match":{"connector":"plant-bridge","topic":"plant/+/devices/+"},"model":"dtmi:test:Sensor;1",
           "twinId":"{topic[1]}-{topic[3]}","properties":{"count":"$.n","firmware":"$.fw"}}
          """).status()).isEqualTo(201);
      Http.Response bad = http.put("/connectors/plant-bridge", """
          {"type":"mqtt-bridge","uri":"http://127.0.0.1:1","topics":["plant/#"]}
          """);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.targets().trim()).isEqualTo("uri");
      Http.Response put = http.put("/connectors/plant-bridge", """
          {"type":"mqtt-bridge","uri":"%s","topics":["plant/#"]}
          """.formatted(broker.uri()));
      assertThat(put.status()).as(put.text()).isEqualTo(201);
      await().atMost(PATIENCE).until(() -> status(http).path("status").asText().equals("running"));

      broker.publish("plant/north/devices/d1", "{\"n\":1,\"fw\":\"1.0\"}");
      await().atMost(PATIENCE).until(() -> http.get("/digitaltwins/north-d1").json().path("count").asInt() == 1);
      assertThat(http.get("/digitaltwins/north-d1").json().path("firmware").asText()).isEqualTo("1.0");

      assertThat(http.post("/connectors/plant-bridge:pause", "").json().path("status").asText()).isEqualTo("paused");
      broker.publish("plant/north/devices/d1", "{\"n\":2,\"fw\":\"1.1\"}");
      Thread.sleep(500); // would have arrived by now if the bridge were not paused
      assertThat(http.get("/digitaltwins/north-d1").json().path("count").asInt()).isEqualTo(1);
      assertThat(http.post("/connectors/plant-bridge:resume", "").status()).isEqualTo(200);
      await().atMost(PATIENCE).until(() -> http.get("/digitaltwins/north-d1").json().path("count").asInt() == 2);

      broker.publish("plant/north/devices/d1", "not json");
      await().atMost(PATIENCE).until(() -> http.get("/deadletters?connector=plant-bridge").json().path("value")
          .size() == 1);
      assertThat(status(http).path("deadLetters").asLong()).isEqualTo(1);

      broker.stop();
      await().atMost(PATIENCE).until(() -> status(http).path("status").asText().equals("disconnected"));
      assertThat(status(http).path("lastError").asText()).contains("127.0.0.1:" + broker.port());
      broker.start();
      await().atMost(PATIENCE).until(() -> status(http).path("status").asText().equals("running"));
      // the restarted broker kept no session: the bridge subscribes again
      await().atMost(PATIENCE).untilAsserted(() -> {
        broker.publish("plant/north/devices/d1", "{\"n\":3,\"fw\":\"1.2\"}");
        assertThat(http.get("/digitaltwins/north-d1").json().path("count").asInt()).isEqualTo(3);
      });
      JsonNode status = status(http);
      assertThat(status.path("messagesIn").asLong()).isGreaterThanOrEqualTo(4);
      assertThat(status.path("lag").asLong()).isZero();
    }
  }

  private static JsonNode status(Http http) {
    return http.get("/connectors/plant-bridge").json();
  }
}
