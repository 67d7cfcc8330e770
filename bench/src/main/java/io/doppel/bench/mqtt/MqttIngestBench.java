package io.doppel.bench.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.ingest.mqtt.MqttStats;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.twin.Precondition;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Telemetry over MQTT, end to end on loopback: Doppel in this JVM on its durable RocksDB store with the MQTT
 * endpoint on, and {@code clients} HiveMQ async clients (MQTT 5, or 3.1.1 with {@code --mqtt 3}) each keeping
 * {@code window} publishes in flight, round-robin over {@code twins} twins, every message a JSON object of
 * {@code values} telemetry values on {@code twins/{id}/telemetry}. With QoS 1 a publish completes at its PUBACK,
 * which the endpoint sends once the values are durable in the history: the figure is values/s acknowledged and the
 * ack latency (publish to PUBACK). With QoS 0 the figure is what the server applied per second. Clients and server
 * share the machine's cores (reported).
 *
 * <p>Run: {@code bench/run-mqtt.sh [--qos 1] [--clients 8] [--window 256] [--twins 1000] [--values 10]
 * [--seconds 15] [--warmup 5] [--mqtt 5] [--client hivemq|raw]}
 */
public final class MqttIngestBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MqttIngestBench() {}

  /**
   * {@code raw}: the harness's own {@link PreparedFrameClient} (prepared frames over a blocking socket) instead of the
   * HiveMQ library, so that the clients take less of the CPU they share with the server.
   */
  record Options(int qos, int clients, int window, int twins, int values, int seconds, int warmup, int mqtt,
      boolean raw) {
    static Options parse(String[] args) {
      int qos = 1;
      int clients = 8;
      int window = 256;
      int twins = 1000;
      int values = 10;
      int seconds = 15;
      int warmup = 5;
      int mqtt = 5;
      boolean raw = false;
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (args[i].equals("--client")) {
          raw = switch (args[i + 1]) {
            case "raw" -> true;
            case "hivemq" -> false;
            default -> throw new IllegalArgumentException("--client is raw or hivemq, not " + args[i + 1]);
          };
          continue;
        }
        int v = Integer.parseInt(args[i + 1]);
        switch (args[i]) {
          case "--qos" -> qos = v;
          case "--clients" -> clients = v;
          case "--window" -> window = v;
          case "--twins" -> twins = v;
          case "--values" -> values = v;
          case "--seconds" -> seconds = v;
          case "--warmup" -> warmup = v;
          case "--mqtt" -> mqtt = v;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(qos, clients, window, twins, values, seconds, warmup, mqtt, raw);
    }
  }

  /** One device connection: publishes with a bounded window and records each ack's latency (QoS 1). */
  private static final class Device implements PreparedFrameClient.Acks {
    final Semaphore window;
    final LongAdder acked = new LongAdder();
    final LongAdder failed = new LongAdder();
    long[] latencies = new long[1 << 16];
    int count;
    volatile boolean measuring;
    volatile @org.jspecify.annotations.Nullable String firstFailure;

    Device(int window) {
      this.window = new Semaphore(window);
    }

    @Override
    public void acked(long latencyNanos) {
      acked.increment();
      record(latencyNanos);
    }

    @Override
    public void failed(String why) {
      if (failed.sum() == 0) {
        firstFailure = (measuring ? "while measuring: " : "outside the measurement: ") + why;
      }
      failed.increment();
    }

    synchronized void record(long nanos) {
      if (!measuring) {
        return;
      }
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      // without it Logback logs Netty and Jetty at DEBUG, which alone would be the bottleneck
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml");
    }
    Options o = Options.parse(args);
    PrintStream out = System.out;
    Path dir = Files.createTempDirectory("doppel-bench-mqtt");
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir.resolve("data")),
        HistoryOptions.defaults(), IngestOptions.defaults().withMqttPort(0))) {
      seed(server, o);
      byte[][] payloads = payloads(o.values());
      List<Device> devices = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      List<Runnable> disconnects = new ArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      byte[][] topics = new byte[o.twins()][];
      for (int t = 0; t < topics.length; t++) {
        topics[t] = PreparedFrameClient.topicField("twins/meter-" + t + "/telemetry");
      }
      for (int c = 0; c < o.clients(); c++) {
        Device device = new Device(o.window());
        devices.add(device);
        if (o.raw()) {
          PreparedFrameClient client = new PreparedFrameClient(server.mqttPort(), "bench-" + c, o.mqtt(), o.qos());
          disconnects.add(() -> {
            try {
              client.close();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          int first = c;
          threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
            try {
              client.publishLoop(topics, payloads, first, o.clients(), device.window, device, running::get);
            } catch (IOException e) {
              device.failed(e.toString());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }));
          continue;
        }
        Publisher publisher = connect(o, server.mqttPort(), "bench-" + c, disconnects);
        int first = c;
        threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
          long n = first;
          while (running.get()) {
            try {
              if (!device.window.tryAcquire(1, TimeUnit.SECONDS)) {
                continue;
              }
            } catch (InterruptedException e) {
              return;
            }
            String topic = "twins/meter-" + (n % o.twins()) + "/telemetry";
            byte[] payload = payloads[(int) (n % payloads.length)];
            n += o.clients();
            long sent = System.nanoTime();
            publisher.publish(topic, payload).whenComplete((ok, failure) -> {
              device.window.release();
              if (failure != null) {
                device.failed(failure.toString());
              } else {
                device.acked(System.nanoTime() - sent);
              }
            });
          }
        }));
      }
      Thread.sleep(o.warmup() * 1000L);
      long applied0 = server.ingestor().appliedCount();
      long acked0 = devices.stream().mapToLong(d -> d.acked.sum()).sum();
      long cpu0 = processCpu();
      ThreadCpu threadCpu = ThreadCpu.start();
      long[] machine0 = machineTicks();
      long t0 = System.nanoTime();
      devices.forEach(d -> d.measuring = true);
      Thread.sleep(o.seconds() * 1000L);
      devices.forEach(d -> d.measuring = false);
      long t1 = System.nanoTime();
      long applied1 = server.ingestor().appliedCount();
      long acked1 = devices.stream().mapToLong(d -> d.acked.sum()).sum();
      long cpu1 = processCpu();
      java.util.Map<String, Long> cpuByThread = threadCpu.sinceStart();
      long[] machine1 = machineTicks();
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }
      disconnects.forEach(Runnable::run);
      double secs = (t1 - t0) / 1e9;
      double appliedPerSec = (applied1 - applied0) / secs;
      double ackedPerSec = (acked1 - acked0) / secs;
      long[] all = devices.stream().flatMapToLong(d -> Arrays.stream(d.latencies, 0, d.count)).sorted().toArray();
      MqttStats stats = server.mqttStats();
      int cpus = Runtime.getRuntime().availableProcessors();
      double wallTicks = (double) (machine1[1] - machine0[1]) / cpus;
      out.printf(Locale.ROOT, "MQTT %d, QoS %d, %d %s clients x window %d, %d twins, %d values per message, %d s "
          + "(after %d s warm-up), %d CPUs%n", o.mqtt(), o.qos(), o.clients(), o.raw() ? "raw" : "HiveMQ", o.window(), o.twins(), o.values(),
          o.seconds(), o.warmup(), cpus);
      out.printf(Locale.ROOT, "applied by the server: %,.0f messages/s = %,.0f values/s%n", appliedPerSec,
          appliedPerSec * o.values());
      if (o.qos() == 1) {
        out.printf(Locale.ROOT, "acknowledged (PUBACK after durable): %,.0f messages/s = %,.0f values/s%n",
            ackedPerSec, ackedPerSec * o.values());
        out.printf(Locale.ROOT, "ack latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%,d acks)%n",
            percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99), percentile(all, 1.0), all.length);
      }
      out.printf(Locale.ROOT, "CPU: this JVM (server + clients) %.2f cores, whole machine %.2f of %d cores busy%n",
          (cpu1 - cpu0) / (double) (t1 - t0), (machine1[0] - machine0[0]) / wallTicks, cpus);
      ThreadCpu.print(out, cpuByThread, cpu1 - cpu0, t1 - t0, acked1 - acked0 > 0 ? (acked1 - acked0) * o.values()
          : (long) ((applied1 - applied0) * o.values()));
      out.printf(Locale.ROOT, "endpoint: %d messages in, %d applied, %d dead letters, %d PUBACKs, %d storage "
          + "failures; clients: %d publishes failed (%s)%n", stats.messagesIn(), server.ingestor().appliedCount(),
          server.ingestor().deadLetteredCount(), stats.qos1Acked(), stats.storageFailures(),
          devices.stream().mapToLong(d -> d.failed.sum()).sum(), devices.stream().map(d -> d.firstFailure)
              .filter(java.util.Objects::nonNull).findFirst().orElse("none"));
    } finally {
      delete(dir);
    }
  }

  @FunctionalInterface
  private interface Publisher {
    CompletableFuture<?> publish(String topic, byte[] payload);
  }

  private static Publisher connect(Options o, int port, String id, List<Runnable> disconnects) {
    MqttQos qos = o.qos() == 1 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE;
    if (o.mqtt() == 3) {
      Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1")
          .serverPort(port).buildAsync();
      client.connect().join();
      disconnects.add(() -> client.disconnect().join());
      return (topic, payload) -> client.publishWith().topic(topic).qos(qos).payload(payload).send();
    }
    Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
        .serverPort(port).buildAsync();
    client.connect().join();
    disconnects.add(() -> client.disconnect().join());
    return (topic, payload) -> client.publishWith().topic(topic).qos(qos).payload(payload).send();
  }

  private static void seed(DoppelServer server, Options o) throws IOException {
    StringBuilder contents = new StringBuilder();
    for (int v = 0; v < o.values(); v++) {
      contents.append(v == 0 ? "" : ",").append("{\"@type\":\"Telemetry\",\"name\":\"v").append(v)
          .append("\",\"schema\":\"double\"}");
    }
    server.engine().addModels(List.of("{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:bench:Sensor;1\","
        + "\"@type\":\"Interface\",\"contents\":[" + contents + "]}"));
    for (int i = 0; i < o.twins(); i++) {
      server.engine().putTwin("meter-" + i, (ObjectNode) JSON.readTree(
          "{\"$metadata\":{\"$model\":\"dtmi:bench:Sensor;1\"}}"), Precondition.none());
    }
  }

  private static byte[][] payloads(int values) {
    java.util.Random random = new java.util.Random(7);
    byte[][] out = new byte[256][];
    for (int m = 0; m < out.length; m++) {
      ObjectNode message = JSON.createObjectNode();
      for (int v = 0; v < values; v++) {
        message.put("v" + v, Math.round((20 + v + Math.sin(m / 20.0) * 3 + random.nextGaussian() * 0.1) * 100)
            / 100.0);
      }
      out[m] = message.toString().getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** {busy, total} clock ticks of all CPUs from /proc/stat (zeros where it does not exist). */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 1};
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
