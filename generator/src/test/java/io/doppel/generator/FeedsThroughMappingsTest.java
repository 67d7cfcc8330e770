package io.doppel.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The generator's devices in their own shapes (°F, W, Wh, %, rpm, seconds) over real MQTT and HTTP into a demo
 * server, read by the packs' stored mappings: every message applies, nothing is a dead letter, and each value the
 * model holds is the generator's own, converted back.
 */
class FeedsThroughMappingsTest {
  @Test
  void deviceShapedMessagesBecomeTheModelsValuesThroughTheStoredMappings() throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true), HistoryOptions.defaults(),
        IngestOptions.defaults().withMqttPort(0))) {
      assertThat(server.demo().mappings()).isEqualTo(DemoMappings.of(DemoGraph.all()).size()).isGreaterThan(10);
      DemoGraph graph = DemoGraph.all();
      DeviceShapes shapes = new DeviceShapes(graph);
      Map<String, Update.Telemetry> sent = new ConcurrentHashMap<>();
      AtomicLong calls = new AtomicLong();
      Sink http = new HttpSink(server.baseUri(), ServerAccess.of(null), 32, shapes);
      Sink mqtt = new MqttSink("127.0.0.1", server.mqttPort(), "mapping-test", null, 64, shapes);
      Sink recording = new Sink() {
        private final Sink split = new SplitSink(http, mqtt, SplitSink.deviceTwins(graph));

        @Override
        public CompletableFuture<Void> send(Update update) {
          calls.incrementAndGet();
          if (update instanceof Update.Telemetry t) {
            sent.put(t.twinId() + "/" + t.component(), t);
          }
          return split.send(update);
        }

        @Override
        public String describe() {
          return split.describe();
        }

        @Override
        public void close() {
          split.close();
        }
      };
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Generator generator = new Generator(graph, 7, Duration.ZERO, now.minusSeconds(10));
      try (GeneratorRun run = new GeneratorRun(generator, recording, Clock.systemUTC())) {
        run.stepNow();
        run.stepNow();
        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> run.stats().sent() + run.stats().failed() == calls.get());
        assertThat(run.stats().failed()).as(String.valueOf(run.stats().lastError())).isZero();
      }
      server.history().caughtUp().join();
      assertThat(deadLetters(server)).isZero();
      // °F, W, % and seconds on the wire; the models' °C, kW, fractions and milliseconds in the twin's history
      assertConverted(server, sent, "machining-cnc-1-temp", null, "temperature");
      assertConverted(server, sent, "machining-cnc-1", null, "powerDraw");
      assertConverted(server, sent, "machining-cnc-1", "spindle", "bearingTemperature");
      assertConverted(server, sent, "machining-cnc-1-vib", null, "dominantFrequency");
      assertConverted(server, sent, "room-101", null, "temperature");
      assertConverted(server, sent, "meter-main", null, "energy");
      assertConverted(server, sent, "payment", null, "latencyP99");
      assertConverted(server, sent, "payment", null, "errorRate");
      double lastTemperature = server.engine().getTwin("machining-cnc-1-temp").json().path("lastTemperature")
          .asDouble();
      assertThat(lastTemperature).isCloseTo(sent.get("machining-cnc-1-temp/null").values().path("temperature")
          .asDouble(), within(1e-6));
    }
  }

  private static void assertConverted(DoppelServer server, Map<String, Update.Telemetry> sent, String twin,
      String component, String name) {
    Update.Telemetry t = sent.get(twin + "/" + component);
    assertThat(t).as(twin + "/" + component).isNotNull();
    String series = component == null ? name : component + "/" + name;
    var stored = server.history().latest(twin).get(series);
    assertThat(stored).as(twin + " " + series).isNotNull();
    assertThat(stored.value()).as(twin + " " + series)
        .isCloseTo(t.values().path(name).asDouble(), within(1e-6 + Math.abs(t.values().path(name).asDouble()) * 1e-9));
  }

  private static long deadLetters(DoppelServer server) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/deadletters"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return DemoGraph.JSON.readTree(r.body()).path("value").size();
    }
  }
}
