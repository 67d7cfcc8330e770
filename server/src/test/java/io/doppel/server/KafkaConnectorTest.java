package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.TwinEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.MappingResolver;
import io.doppel.ingest.Presence;
import io.doppel.ingest.connector.Connector;
import io.doppel.ingest.kafka.KafkaConnectorType;
import io.doppel.ingest.mapping.MappingService;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka connector against an in-process KRaft broker, through the whole server: configured over the API,
 * messages mapped by a stored mapping, offsets committed only for what is durable, a broker that goes away and
 * comes back, and a server restart that resumes from the committed offsets.
 */
class KafkaConnectorTest {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaBroker();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  static final String MAPPING = """
      {"match":{"connector":"kafka-plant","topic":"%s"},"model":"dtmi:test:Sensor;1","twinId":"{key}",
       "properties":{"count":"$.n"}}
      """;

  private static String connector(String topic, String group) {
    return """
        {"type":"kafka","bootstrap":"%s","topics":["%s"],"group":"%s"}
        """.formatted(broker.bootstrap(), topic, group);
  }

  /** The values of {@code count} the twins were patched with, as "twin:n". */
  private static Set<String> watch(DoppelServer server) {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    server.engine().subscribe(e -> {
      if (e instanceof TwinEvent.TwinPatched p) {
        p.patch().forEach(op -> seen.add(p.twinId() + ":" + op.path("value").asText()));
      }
    });
    return seen;
  }

  private static DoppelServer start(Path dir) {
    return DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir));
  }

  @Test
  void everyMessageLandsAndOffsetsAreCommittedOnlyForWhatIsDurable(@TempDir Path dir) throws Exception {
    broker.createTopic("plant.a", 3);
    int n = 300;
    try (DoppelServer server = start(dir); KafkaProducer<String, String> producer = broker.producer()) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "s0", "s1", "s2", "s3", "s4");
      assertThat(http.put("/mappings/a", MAPPING.formatted("plant.a")).status()).isEqualTo(201);
      Http.Response put = http.put("/connectors/kafka-plant", connector("plant.a", "group-a"));
      assertThat(put.status()).as(put.text()).isEqualTo(201);
      Set<String> seen = watch(server);
      for (int i = 0; i < n; i++) {
        broker.send(producer, "plant.a", "s" + (i % 5), "{\"n\":" + i + "}");
      }
      await().atMost(PATIENCE).until(() -> seen.size() == n);
      for (int i = 0; i < n; i++) {
        assertThat(seen).contains("s" + (i % 5) + ":" + i);
      }
      await().atMost(PATIENCE).until(() -> broker.committed("group-a") == n);
      await().atMost(PATIENCE).untilAsserted(() -> {
        JsonNode status = http.get("/connectors/kafka-plant").json();
        assertThat(status.path("status").asText()).isEqualTo("running");
        assertThat(status.path("messagesIn").asLong()).isEqualTo(n);
        assertThat(status.path("lag").asLong()).isZero();
        assertThat(status.path("ratePerSecond").asDouble()).isPositive();
      });
      JsonNode list = http.get("/connectors").json().path("value");
      assertThat(list.findValuesAsText("id")).contains("http", "kafka-plant");
    }
  }

  @Test
  void unmappableRecordsBecomeDeadLettersAndReplayAfterTheMappingIsFixed(@TempDir Path dir) throws Exception {
    broker.createTopic("plant.b", 1);
    try (DoppelServer server = start(dir); KafkaProducer<String, String> producer = broker.producer()) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "s7");
      http.put("/mappings/b", MAPPING.formatted("plant.b"));
      http.put("/connectors/kafka-plant", connector("plant.b", "group-b"));
      broker.send(producer, "plant.b", "s7", "{\"value\":9}");
      broker.sendBytes("plant.b", "s7", new byte[] {(byte) 0xff, 0x00});
      await().atMost(PATIENCE).until(() -> http.get("/deadletters?connector=kafka-plant").json().path("value")
          .size() == 2);
      JsonNode letters = http.get("/deadletters?connector=kafka-plant").json();
      JsonNode first = letters.path("value").get(0);
      assertThat(first.path("reason").asText()).isEqualTo("FIELD_MISSING");
      assertThat(first.path("detail").asText()).contains("$.n");
      assertThat(first.path("mapping").asText()).isEqualTo("b@1");
      assertThat(first.path("source").asText()).isEqualTo("plant.b/0");
      assertThat(first.path("key").asText()).isEqualTo("s7");
      assertThat(first.path("payload").asText()).isEqualTo("{\"value\":9}");
      JsonNode second = letters.path("value").get(1);
      assertThat(second.path("payloadEncoding").asText()).isEqualTo("base64");
      assertThat(second.path("reason").asText()).isEqualTo("PAYLOAD_NOT_JSON");
      // the dead letters are durable, so their offsets are committed too
      await().atMost(PATIENCE).until(() -> broker.committed("group-b") == 2);
      await().atMost(PATIENCE).until(() -> http.get("/connectors/kafka-plant").json().path("deadLetters")
          .asLong() == 2);

      http.put("/mappings/b", MAPPING.formatted("plant.b").replace("$.n", "$.value"));
      Http.Response replay = http.post("/deadletters:replay", "{\"connector\":\"kafka-plant\"}");
      assertThat(replay.status()).as(replay.text()).isEqualTo(200);
      assertThat(replay.json().path("applied").asInt()).isEqualTo(1);
      assertThat(replay.json().path("failed").asInt()).isEqualTo(1);
      assertThat(http.get("/digitaltwins/s7").json().path("count").asInt()).isEqualTo(9);
      JsonNode left = http.get("/deadletters").json().path("value");
      assertThat(left).hasSize(1);
      assertThat(left.get(0).path("mapping").asText()).isEqualTo("b@2");
      assertThat(http.delete("/deadletters/" + left.get(0).path("id").asLong()).status()).isEqualTo(204);
      assertThat(http.get("/deadletters").json().path("count").asLong()).isZero();
    }
  }

  @Test
  void aBrokerThatGoesAwayAndComesBackLosesNothingAndAServerRestartResumes(@TempDir Path dir) throws Exception {
    broker.createTopic("plant.c", 2);
    int half = 100;
    Set<String> all = ConcurrentHashMap.newKeySet();
    try (DoppelServer server = start(dir)) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "c0", "c1");
      http.put("/mappings/c", MAPPING.formatted("plant.c"));
      http.put("/connectors/kafka-plant", connector("plant.c", "group-c"));
      Set<String> seen = watch(server);
      try (KafkaProducer<String, String> producer = broker.producer()) {
        for (int i = 0; i < half; i++) {
          broker.send(producer, "plant.c", "c" + (i % 2), "{\"n\":" + i + "}");
        }
      }
      await().atMost(PATIENCE).until(() -> seen.size() == half);

      broker.stopBroker();
      await().atMost(PATIENCE).untilAsserted(() -> {
        JsonNode status = http.get("/connectors/kafka-plant").json();
        assertThat(status.path("status").asText()).isEqualTo("disconnected");
        assertThat(status.path("lastError").asText()).contains("broker unreachable");
        assertThat(status.path("lastErrorAt").isTextual()).isTrue();
      });
      broker.startBroker();
      try (KafkaProducer<String, String> producer = broker.producer()) {
        for (int i = half; i < 2 * half; i++) {
          broker.send(producer, "plant.c", "c" + (i % 2), "{\"n\":" + i + "}");
        }
      }
      await().atMost(PATIENCE).until(() -> seen.size() == 2 * half);
      await().atMost(PATIENCE).until(() -> "running".equals(http.get("/connectors/kafka-plant").json()
          .path("status").asText()));
      await().atMost(PATIENCE).until(() -> broker.committed("group-c") == 2 * half);
      all.addAll(seen);
    }

    // down: these wait in Kafka for the restarted server
    try (KafkaProducer<String, String> producer = broker.producer()) {
      for (int i = 2 * half; i < 3 * half; i++) {
        broker.send(producer, "plant.c", "c" + (i % 2), "{\"n\":" + i + "}");
      }
    }
    try (DoppelServer server = start(dir)) {
      Set<String> seen = watch(server);
      Http http = new Http(server.baseUri());
      assertThat(http.get("/connectors/kafka-plant").json().path("config").path("topics").get(0).asText())
          .isEqualTo("plant.c");
      await().atMost(PATIENCE).until(() -> seen.size() == half);
      for (int i = 2 * half; i < 3 * half; i++) {
        assertThat(seen).contains("c" + (i % 2) + ":" + i);
      }
      all.addAll(seen);
      assertThat(all).hasSize(3 * half);
      await().atMost(PATIENCE).until(() -> broker.committed("group-c") == 3 * half);
      // resumed from the committed offsets: nothing consumed before the restart came again
      assertThat(http.get("/connectors/kafka-plant").json().path("messagesIn").asLong()).isEqualTo(half);
    }
  }

  @Test
  void aStorageFailureSeeksBackAndTheRecordComesAgain() throws Exception {
    broker.createTopic("plant.d", 1);
    int n = 50;
    AtomicInteger failuresLeft = new AtomicInteger(3);
    Set<String> recorded = ConcurrentHashMap.newKeySet();
    try (TwinEngine engine = TwinEngine.inMemory(); Presence presence = Presence.start(Clock.systemUTC(),
        Duration.ofMinutes(5))) {
      Ingestor ingestor = new Ingestor(engine, (twin, component, values, time) -> {
        if (values.path("temperature").asInt() == 20 && failuresLeft.getAndDecrement() > 0) {
          return CompletableFuture.failedFuture(new DoppelException(ErrorCode.STORAGE_FAILURE, "disk full"));
        }
        recorded.add(twin + ":" + values.path("temperature").asInt());
        return CompletableFuture.completedFuture(null);
      }, DeadLetterStore.inMemory(), presence, MappingResolver.convention(), Clock.systemUTC());
      MappingService mappings = new MappingService(DocumentStore.inMemory(), engine::catalog, Clock.systemUTC(),
          ingestor::mappings);
      mappings.put("d", "{\"match\":{\"topic\":\"plant.d\"},\"twinId\":\"{key}\","
          + "\"telemetry\":{\"temperature\":\"$.n\"}}");
      ObjectNode config = (ObjectNode) Http.MAPPER.readTree(connector("plant.d", "group-d"));
      new KafkaConnectorType().validate(config);
      try (Connector kafka = new KafkaConnectorType().create("kafka-d", config, ingestor, Clock.systemUTC());
          KafkaProducer<String, String> producer = broker.producer()) {
        kafka.start();
        for (int i = 0; i < n; i++) {
          broker.send(producer, "plant.d", "s1", "{\"n\":" + i + "}");
        }
        await().atMost(PATIENCE).until(() -> recorded.size() == n);
        await().atMost(PATIENCE).until(() -> broker.committed("group-d") == n);
        assertThat(failuresLeft.get()).isNegative(); // the record at offset 20 failed three times, then applied
        assertThat(kafka.status().lastError()).contains("storage failed at plant.d-0 offset 20");
        assertThat(kafka.status().messagesIn()).isGreaterThan(n); // read again from the failed record on
        assertThat(List.copyOf(recorded)).hasSize(n);
      }
    }
  }
}
