package io.doppel.bench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.twin.Precondition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness's client against the real endpoint: it counts only what the server acknowledged. */
class PreparedFrameClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(ints = {4, 5}) // MQTT 3.1.1 and 5
  void everyPublishTheEndpointTookIsAcknowledgedAndApplied(int protocolLevel) throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral(), HistoryOptions.defaults(),
        IngestOptions.defaults().withMqttPort(0))) {
      server.engine().addModels(List.of("{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:t:S;1\","
          + "\"@type\":\"Interface\",\"contents\":[{\"@type\":\"Telemetry\",\"name\":\"v\",\"schema\":\"double\"}]}"));
      server.engine().putTwin("s1", (ObjectNode) JSON.readTree("{\"$metadata\":{\"$model\":\"dtmi:t:S;1\"}}"),
          Precondition.none());
      byte[][] topics = {PreparedFrameClient.topicField("twins/s1/telemetry")};
      byte[][] payloads = {"{\"v\":1.5}".getBytes(StandardCharsets.UTF_8), "{\"v\":2}".getBytes(StandardCharsets.UTF_8)};
      AtomicInteger acked = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      PreparedFrameClient.Acks acks = new PreparedFrameClient.Acks() {
        @Override
        public void acked(long latencyNanos) {
          acked.incrementAndGet();
        }

        @Override
        public void failed(String why) {
          failures.add(why);
        }
      };
      try (PreparedFrameClient client = new PreparedFrameClient(server.mqttPort(), "t-" + protocolLevel,
          protocolLevel == 5 ? 5 : 3, 1)) {
        long sent = client.publishLoop(topics, payloads, 0, 1, new Semaphore(16), acks,
            () -> server.mqttStats().messagesIn() < 300);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acked.get() < sent && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(sent).isGreaterThanOrEqualTo(300);
        assertThat(acked.get()).isEqualTo(sent);
        assertThat(server.mqttStats().messagesIn()).isEqualTo(sent);
      }
      assertThat(failures).isEmpty();
      assertThat(server.ingestor().appliedCount()).isEqualTo(acked.get());
      assertThat(server.mqttStats().qos1Acked()).isEqualTo(acked.get());
    }
  }
}
