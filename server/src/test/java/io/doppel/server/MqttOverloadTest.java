package io.doppel.server;

import static io.doppel.server.MqttDevices.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.twin.TwinEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices flooding the MQTT endpoint with QoS 1 property reports while the server's write budget is tiny and its
 * commits slowed: the endpoint stops reading their connections (TCP pushes back) instead of queueing, reads on as
 * writes drain, and every PUBACKed message is stored.
 */
class MqttOverloadTest {
  @Test
  void aQos1FloodPausesReadingAndEveryAcknowledgedMessageIsStored(@TempDir Path dir) throws Exception {
    int devices = 4;
    int perDevice = 150;
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir),
        HistoryOptions.defaults(), IngestOptions.defaults().withMqttPort(0),
        new AdmissionOptions(8, Duration.ofMillis(30)))) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "s0", "s1", "s2", "s3");
      Set<String> stored = ConcurrentHashMap.newKeySet();
      server.engine().subscribe(e -> {
        if (e instanceof TwinEvent.TwinPatched p) {
          p.patch().forEach(op -> stored.add(p.twinId() + ":" + op.path("value").asText()));
        }
      });
      List<Mqtt5AsyncClient> clients = new ArrayList<>();
      record Sent(String value, CompletableFuture<Mqtt5PublishResult> ack) {}
      List<Sent> sent = new ArrayList<>();
      for (int d = 0; d < devices; d++) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("flood-" + d)
            .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildAsync();
        client.connect().get();
        clients.add(client);
      }
      for (int i = 0; i < perDevice; i++) {
        for (int d = 0; d < devices; d++) {
          CompletableFuture<Mqtt5PublishResult> ack = clients.get(d).publishWith().topic("twins/s" + d + "/properties")
              .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("{\"count\":" + i + "}")).send();
          sent.add(new Sent("s" + d + ":" + i, ack));
        }
      }
      CompletableFuture.allOf(sent.stream().map(Sent::ack).toArray(CompletableFuture[]::new))
          .get(120, java.util.concurrent.TimeUnit.SECONDS);
      for (Sent s : sent) {
        assertThat(s.ack().get().getError()).as(s.value()).isEmpty();
        assertThat(stored).as("PUBACKed, so stored: " + s.value()).contains(s.value());
      }
      assertThat(OverloadApiTest.metric(http, "doppel_mqtt_load_pauses_total")).as("reading was paused").isPositive();
      assertThat(OverloadApiTest.metric(http, "doppel_writes_saturations_total")).isPositive();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(OverloadApiTest.metric(http, "doppel_writes_pending")).isZero();
        assertThat(OverloadApiTest.metric(http, "doppel_mqtt_paused_for_load")).isZero();
      });
      // after the flood the same connections are read again at once
      assertThat(clients.get(0).publishWith().topic("twins/s0/properties").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"count\":9999}")).send().get().getError()).isEmpty();
      assertThat(stored).contains("s0:9999");
      for (Mqtt5AsyncClient client : clients) {
        client.disconnect().get();
      }
    }
  }
}
