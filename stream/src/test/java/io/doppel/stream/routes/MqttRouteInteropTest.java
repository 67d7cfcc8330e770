package io.doppel.stream.routes;

import static io.doppel.stream.routes.Pumps.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.twin.TwinEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route to a real MQTT broker (Debian's mosquitto, started here), read back with mosquitto_sub. Runs in the
 * {@code interop} profile only ({@code ./mvnw -Pinterop ...}), since it needs the {@code mosquitto} and
 * {@code mosquitto-clients} packages installed.
 */
@Tag("interop")
class MqttRouteInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void everyEventReachesItsTopicInOrderAcrossABrokerRestart() throws Exception {
    TwinEngine engine = Pumps.engine();
    Pumps.twin(engine, "p1", Pumps.PUMP);
    Pumps.twin(engine, "p/2", Pumps.PUMP); // a '/' in a twin id must not add a topic level
    Path received = dir.resolve("received.txt");
    try (Mosquitto broker = new Mosquitto(dir)) {
      broker.start();
      Process sub = broker.subscriber("route-test", "doppel/#", received);
      await().atMost(WAIT).until(() -> {
        broker.publish("doppel/probe", "{}");
        return Mosquitto.lines(received).stream().anyMatch(l -> l.startsWith("doppel/probe "));
      });
      EventRoutes routes = EventRoutes.open(engine, RouteOutbox.inMemory(), Clock.systemUTC(),
          RandomGenerator.of("L64X128MixRandom"));
      try {
        ObjectNode endpoint = JSON.createObjectNode().put("type", "mqtt")
            .put("broker", "tcp://127.0.0.1:" + broker.port()).put("topic", "doppel/{twinId}/{type}").put("qos", 1);
        ObjectNode filter = JSON.createObjectNode().put("type", "io.doppel.twin.patched");
        routes.put("mqtt", Pumps.route(endpoint, filter, Pumps.fastRetries()));
        for (int i = 1; i <= 10; i++) {
          Pumps.rpm(engine, "p1", i);
          Pumps.rpm(engine, "p/2", i);
        }
        awaitDistinct(received, 20, broker);

        // The broker goes away: events wait in the outbox, the route reports it.
        sub.destroy();
        sub.waitFor();
        broker.stop();
        for (int i = 11; i <= 15; i++) {
          Pumps.rpm(engine, "p1", i);
          Pumps.rpm(engine, "p/2", i);
        }
        await().atMost(WAIT).until(() -> routes.get("mqtt").status().state() == RouteState.FAILING);
        assertThat(routes.get("mqtt").status().lag()).isEqualTo(10);
        assertThat(routes.get("mqtt").status().lastError()).contains("MQTT");

        // It comes back: the route delivers what waited; the subscriber's persistent session gets it.
        broker.start();
        await().atMost(WAIT).until(() -> routes.get("mqtt").status().lag() == 0);
        sub = broker.subscriber("route-test", "doppel/#", received);
        awaitDistinct(received, 30, broker);
        sub.destroy();
      } finally {
        routes.close();
      }
    } finally {
      engine.close();
    }
    List<String> lines = Mosquitto.lines(received).stream().filter(l -> !l.startsWith("doppel/probe ")).toList();
    assertThat(lines).allSatisfy(l -> assertThat(l).matches("doppel/(p1|p%2F2)/io\\.doppel\\.twin\\.patched \\{.*"));
    Map<String, List<Double>> byTwin = Pumps.rpmsByTwin(firstDeliveries(events(received)));
    assertThat(byTwin.get("p1")).isEqualTo(Pumps.upTo(15));
    assertThat(byTwin.get("p/2")).isEqualTo(Pumps.upTo(15));
  }

  /**
   * Waits until {@code n} distinct events arrived. QoS 1 is at least once: a message in flight when a client or the
   * broker goes away may come again (with DUP set), so the test counts event ids, not lines; on a timeout it says what
   * did arrive and what the broker logged.
   */
  private static void awaitDistinct(Path received, int n, Mosquitto broker) throws Exception {
    try {
      await().atMost(WAIT).until(() -> firstDeliveries(events(received)).size() >= n);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("expected " + n + " distinct events; received:\n"
          + String.join("\n", Mosquitto.lines(received)) + "\nbroker log:\n" + broker.log(), e);
    }
  }

  /** Each event's first arrival, in arrival order: redeliveries of an event already seen are left out. */
  private static List<JsonNode> firstDeliveries(List<JsonNode> events) {
    Set<String> seen = new HashSet<>();
    return events.stream().filter(e -> seen.add(e.path("id").asText())).toList();
  }

  /** The CloudEvents received, in order, without the probe. */
  private static List<JsonNode> events(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Mosquitto.lines(file)) {
      int space = line.indexOf(' ');
      if (space > 0 && !line.startsWith("doppel/probe ") && line.startsWith("doppel/")) {
        out.add(Pumps.json(line.substring(space + 1)));
      }
    }
    return out;
  }
}
