package io.doppel.stream.routes;

import static io.doppel.stream.routes.Pumps.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.twin.TwinEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A route to a real Kafka broker (in-process KRaft, one combined node), read back by a real consumer. */
class KafkaRouteTest {
  private static KafkaClusterTestKit cluster;

  @BeforeAll
  static void startKafka() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyEventArrivesKeyedByTwinInOrderPerTwin() throws Exception {
    String topic = "twins";
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    TwinEngine engine = Pumps.engine();
    List<String> pumps = List.of("p1", "p2", "p3", "p4", "p5");
    pumps.forEach(id -> Pumps.twin(engine, id, Pumps.PUMP));
    EventRoutes routes = EventRoutes.open(engine, RouteOutbox.inMemory(), Clock.systemUTC(),
        RandomGenerator.of("L64X128MixRandom"));
    try {
      ObjectNode endpoint = JSON.createObjectNode().put("type", "kafka")
          .put("bootstrap", cluster.bootstrapServers()).put("topic", topic);
      ObjectNode filter = JSON.createObjectNode().put("type", "io.doppel.twin.patched");
      routes.put("kafka", Pumps.route(endpoint, filter, Pumps.fastRetries().put("batchSize", 50)));
      int rounds = 40;
      for (int i = 1; i <= rounds; i++) {
        for (String id : pumps) {
          Pumps.rpm(engine, id, i);
        }
      }

      Map<String, List<Double>> byKey = new LinkedHashMap<>();
      Map<String, Integer> partitionOf = new HashMap<>();
      List<String> contentTypes = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            JsonNode event = Pumps.json(new String(r.value(), StandardCharsets.UTF_8));
            assertThat(event.path("subject").asText()).isEqualTo(r.key());
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(event.path("data").path("patch").get(0).path("value").asDouble());
            Integer before = partitionOf.putIfAbsent(r.key(), r.partition());
            assertThat(before == null || before == r.partition()).as("one partition per twin").isTrue();
            contentTypes.add(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
          }
          return byKey.values().stream().mapToInt(List::size).sum() >= rounds * pumps.size();
        });
      }
      assertThat(byKey).containsOnlyKeys(pumps);
      byKey.values().forEach(values -> assertThat(values).isEqualTo(Pumps.upTo(rounds)));
      assertThat(contentTypes).allMatch(t -> t.startsWith("application/cloudevents+json"));
      await().atMost(Duration.ofSeconds(10)).until(() -> routes.get("kafka").status().lag() == 0);
      RouteStatus status = routes.get("kafka").status();
      assertThat(status.delivered()).isEqualTo(rounds * pumps.size());
      assertThat(status.state()).isEqualTo(RouteState.HEALTHY);
    } finally {
      routes.close();
      engine.close();
    }
  }

  @Test
  void aRouteToAnUnreachableClusterKeepsItsEventsAndDeliversThemOnceMovedToALiveOne() throws Exception {
    String topic = "moved";
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    TwinEngine engine = Pumps.engine();
    Pumps.twin(engine, "p1", Pumps.PUMP);
    EventRoutes routes = EventRoutes.open(engine, RouteOutbox.inMemory(), Clock.systemUTC(),
        RandomGenerator.of("L64X128MixRandom"));
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      closedPort = probe.getLocalPort(); // nothing listens there once the probe is closed: connections are refused
    }
    try {
      ObjectNode dead = JSON.createObjectNode().put("type", "kafka")
          .put("bootstrap", "127.0.0.1:" + closedPort).put("topic", topic);
      dead.putObject("properties").put("max.block.ms", "300"); // give up on metadata quickly
      ObjectNode filter = JSON.createObjectNode().put("type", "io.doppel.twin.patched");
      routes.put("kafka", Pumps.route(dead, filter, Pumps.fastRetries()));
      for (int i = 1; i <= 10; i++) {
        Pumps.rpm(engine, "p1", i);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> routes.get("kafka").status().state() == RouteState.FAILING);
      assertThat(routes.get("kafka").status().lag()).isEqualTo(10);
      assertThat(routes.get("kafka").status().lastError()).startsWith("Kafka: ");

      ObjectNode live = JSON.createObjectNode().put("type", "kafka")
          .put("bootstrap", cluster.bootstrapServers()).put("topic", topic);
      routes.put("kafka", Pumps.route(live, filter, Pumps.fastRetries()));
      List<Double> got = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> got.add(Pumps.json(new String(r.value(),
              StandardCharsets.UTF_8)).path("data").path("patch").get(0).path("value").asDouble()));
          return got.size() >= 10;
        });
      }
      assertThat(got).isEqualTo(Pumps.upTo(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> routes.get("kafka").status().state() == RouteState.HEALTHY);
    } finally {
      routes.close();
      engine.close();
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "route-test");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
