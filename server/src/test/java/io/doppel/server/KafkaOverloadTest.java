package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.twin.TwinEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka backlog consumed by a server whose write budget is tiny and whose commits are slowed: the connector pauses
 * its partitions while the pending writes are at the limit (status {@code throttled}, counted), resumes as they
 * drain, and every record is applied with its offset committed only after that.
 */
class KafkaOverloadTest {
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaBroker();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void theConsumerPausesWhileWritesAreAtTheLimitAndResumesWithNothingLost(@TempDir Path dir) throws Exception {
    broker.createTopic("plant.flood", 2);
    int n = 1_500;
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir),
        HistoryOptions.defaults(), IngestOptions.defaults(), new AdmissionOptions(8, Duration.ofMillis(30)));
        KafkaProducer<String, String> producer = broker.producer()) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "s0", "s1", "s2", "s3", "s4");
      assertThat(http.put("/mappings/flood", KafkaConnectorTest.MAPPING.formatted("plant.flood")).status())
          .isEqualTo(201);
      Set<String> applied = ConcurrentHashMap.newKeySet();
      server.engine().subscribe(e -> {
        if (e instanceof TwinEvent.TwinPatched p) {
          p.patch().forEach(op -> applied.add(p.twinId() + ":" + op.path("value").asText()));
        }
      });
      for (int i = 0; i < n; i++) {
        broker.send(producer, "plant.flood", "s" + (i % 5), "{\"n\":" + i + "}");
      }
      Http.Response put = http.put("/connectors/kafka-plant", """
          {"type":"kafka","bootstrap":"%s","topics":["plant.flood"],"group":"group-flood"}
          """.formatted(broker.bootstrap()));
      assertThat(put.status()).as(put.text()).isEqualTo(201);
      await().atMost(KafkaConnectorTest.PATIENCE).until(() -> applied.size() == n);
      for (int i = 0; i < n; i++) {
        assertThat(applied).contains("s" + (i % 5) + ":" + i);
      }
      await().atMost(KafkaConnectorTest.PATIENCE).until(() -> broker.committed("group-flood") == n);
      await().atMost(KafkaConnectorTest.PATIENCE).untilAsserted(() -> {
        JsonNode status = http.get("/connectors/kafka-plant").json();
        assertThat(status.path("throttles").asLong()).as("paused for the load").isPositive();
        assertThat(status.path("status").asText()).as("and resumed").isEqualTo("running");
        assertThat(OverloadApiTest.metric(http, "doppel_writes_pending")).isZero();
      });
    }
  }
}
