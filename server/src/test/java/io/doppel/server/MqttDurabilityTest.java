package io.doppel.server;

import static io.doppel.server.MqttDevices.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.ingest.ConventionMapping;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.MappingResolver;
import io.doppel.ingest.Presence;
import io.doppel.ingest.mqtt.MqttEndpoint;
import io.doppel.ingest.mqtt.MqttOptions;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A QoS 1 PUBACK means durable: it waits for the history's write, and what was acknowledged survives kill -9. */
class MqttDurabilityTest {
  /** A history store whose writes wait while the gate is closed: a disk that is slow right now. */
  static final class GatedSeriesStore implements SeriesStore {
    private final SeriesStore delegate = SeriesStore.inMemory();
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger waiting = new AtomicInteger();

    @Override
    public void write(List<SeriesWrite> batch) {
      waiting.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      waiting.decrementAndGet();
      delegate.write(batch);
    }

    @Override
    public List<StoredChunk> chunks(SeriesKey series, long from, long to) {
      return delegate.chunks(series, from, to);
    }

    @Override
    public Optional<StoredChunk> floor(SeriesKey series, long time) {
      return delegate.floor(series, time);
    }

    @Override
    public Optional<StoredChunk> last(SeriesKey series) {
      return delegate.last(series);
    }

    @Override
    public Map<String, String> series(String twinId) {
      return delegate.series(twinId);
    }

    @Override
    public long recordedVersion() {
      return delegate.recordedVersion();
    }

    @Override
    public List<StoredChunk> chunksAfter(SeriesKey series, long after, int limit) {
      return delegate.chunksAfter(series, after, limit);
    }

    @Override
    public Optional<String> setting(String name) {
      return delegate.setting(name);
    }

    @Override
    public io.doppel.history.spi.ChangeLog changes() {
      return delegate.changes();
    }

    @Override
    public void forEachSeries(BiConsumer<SeriesKey, String> visitor) {
      delegate.forEachSeries(visitor);
    }

    @Override
    public void close() {
      gate.countDown();
      delegate.close();
    }
  }

  @Test
  void thePubackWaitsForTheHistorysDurableWrite() throws Exception {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(List.of(HistoryApiTest.MODELS.substring(HistoryApiTest.MODELS.indexOf('{'),
        HistoryApiTest.MODELS.indexOf("]},") + 2)));
    GatedSeriesStore store = new GatedSeriesStore();
    HistoryService history = HistoryService.open(engine, store, HistoryOptions.defaults());
    Presence presence = Presence.start(Clock.systemUTC(), Duration.ofMinutes(5));
    Ingestor ingestor = new Ingestor(engine, (id, component, values, time) ->
        history.recordTelemetry(id, component, values, time, null), DeadLetterStore.inMemory(), presence,
        MappingResolver.convention(), Clock.systemUTC());
    MqttEndpoint endpoint = MqttEndpoint.start(MqttOptions.of("127.0.0.1", 0), ingestor, engine);
    try {
      ObjectNode meter = Json.MAPPER.createObjectNode();
      meter.putObject("$metadata").put("$model", "dtmi:test:Meter;1");
      engine.putTwin("m1", meter, Precondition.none());
      Mqtt5AsyncClient device = MqttClient.builder().useMqttVersion5().identifier("slow-disk")
          .serverHost("127.0.0.1").serverPort(endpoint.port()).buildAsync();
      device.connect().get(10, TimeUnit.SECONDS);
      CompletableFuture<Mqtt5PublishResult> acked = device.publishWith().topic("twins/m1/telemetry")
          .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("{\"power\": 4.5}"))
          .userProperties().add(ConventionMapping.SOURCE_TIME_HEADER, HistoryApiTest.FROM).applyUserProperties()
          .send();
      await().until(() -> endpoint.stats().messagesIn() == 1 && store.waiting.get() > 0);
      assertThat(acked).isNotDone();
      assertThat(history.range("m1", "power", Instant.parse(HistoryApiTest.FROM),
          Instant.parse(HistoryApiTest.TO), 10).points()).isEmpty();

      store.gate.countDown(); // the disk catches up
      acked.get(10, TimeUnit.SECONDS);
      assertThat(history.range("m1", "power", Instant.parse(HistoryApiTest.FROM), Instant.parse(HistoryApiTest.TO),
          10).points()).extracting(Point::value).containsExactly(4.5);
      assertThat(endpoint.stats().qos1Acked()).isEqualTo(1);
      device.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      endpoint.close();
      presence.close();
      store.gate.countDown();
      engine.close();
      history.close();
    }
  }

  @Test
  void everyAcknowledgedMessageSurvivesKillMinus9(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(javaBin, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), MqttServerMain.class.getName(), data.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
    List<Mqtt5AsyncClient> devices = new ArrayList<>();
    try {
      int[] ports = awaitReady(process, log);
      Http http = new Http(java.net.URI.create("http://127.0.0.1:" + ports[0]));
      for (int t = 0; t < 4; t++) {
        HistoryApiTest.meter(http, "m" + t);
        acked.put("m" + t, ConcurrentHashMap.newKeySet());
      }
      long start = Instant.parse(HistoryApiTest.FROM).toEpochMilli();
      AtomicInteger total = new AtomicInteger();
      List<CompletableFuture<Void>> streams = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String twin = "m" + t;
        Mqtt5AsyncClient device = MqttClient.builder().useMqttVersion5().identifier("device-" + t)
            .serverHost("127.0.0.1").serverPort(ports[1]).buildAsync();
        device.connect().get(10, TimeUnit.SECONDS);
        devices.add(device);
        streams.add(CompletableFuture.runAsync(() -> {
          // each device keeps 16 publishes in flight until the server dies
          java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(16);
          for (long seq = 0; seq < 1_000_000 && process.isAlive(); seq++) {
            try {
              if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                return;
              }
            } catch (InterruptedException e) {
              return;
            }
            long time = start + seq;
            device.publishWith().topic("twins/" + twin + "/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("{\"power\": " + seq + "}"))
                .userProperties().add(ConventionMapping.SOURCE_TIME_HEADER, Instant.ofEpochMilli(time).toString())
                .applyUserProperties().send().whenComplete((result, failure) -> {
                  window.release();
                  if (failure == null && result.getError().isEmpty()) {
                    acked.get(twin).add(time);
                    total.incrementAndGet();
                  }
                });
          }
        }));
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> total.get() >= 2_000);
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      process.destroyForcibly();
      for (Mqtt5AsyncClient device : devices) {
        device.disconnect();
      }
    }
    int ackedCount = acked.values().stream().mapToInt(Set::size).sum();
    assertThat(ackedCount).isGreaterThanOrEqualTo(2_000);
    try (DoppelServer reopened = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      for (Map.Entry<String, Set<Long>> twin : acked.entrySet()) {
        Set<Long> stored = ConcurrentHashMap.newKeySet();
        Instant from = Instant.parse(HistoryApiTest.FROM);
        Instant to = Instant.parse(HistoryApiTest.TO);
        while (true) {
          var page = reopened.history().range(twin.getKey(), "power", from, to, 100_000);
          page.points().forEach(p -> stored.add(p.time()));
          if (page.next() == null) {
            break;
          }
          from = page.next();
        }
        assertThat(stored).as("acknowledged points of " + twin.getKey()).containsAll(twin.getValue());
      }
    }
  }

  private static int[] awaitReady(Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.startsWith("READY ")) {
            String[] parts = line.split(" ");
            return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
          }
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the server process did not start: " + Files.readString(log));
  }
}
