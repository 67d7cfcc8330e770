package io.doppel.bench.http;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.server.AdmissionOptions;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;

/**
 * The overload harness: measures the sustained JSON-Patch capacity of Doppel on RocksDB (closed loop, a fixed number
 * of writers), then offers {@code --factor} times that as an open loop (requests sent on a schedule whatever the
 * answers) and reports the accepted and shed rates, the latency of reads and health checks meanwhile, the largest
 * heap used, and how long after the flood the pending writes drained and a write was accepted again. Server and
 * load generator share one JVM and the machine: the heap figure counts both.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/doppel-bench.jar io.doppel.bench.http.OverloadLoad
 *     [--twins 1000] [--writers 64] [--capacity-seconds 15] [--overload-seconds 30] [--factor 3]
 *     [--max-pending-writes 256] [--max-outstanding 1024]</pre>
 *
 * <p>The open loop needs one connection per request in flight (HTTP/1.1): {@code --max-outstanding} caps them, and
 * what the cap holds back is reported as not sent. The budget is kept well below that cap so that the server, not
 * the generator, decides what is refused.
 */
public final class OverloadLoad {
  private final URI base;
  private final HttpClient client;
  /** Reads and probes on their own client: the writers' client is saturated on purpose, its queues are not ours. */
  private final HttpClient readClient;
  private final int twins;
  private final java.util.Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();

  private OverloadLoad(URI base, int twins) {
    this.base = base;
    this.twins = twins;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
    this.readClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml");
    }
    int twins = intArg(args, "--twins", 1000);
    int writers = intArg(args, "--writers", 64);
    int capacitySeconds = intArg(args, "--capacity-seconds", 15);
    int overloadSeconds = intArg(args, "--overload-seconds", 30);
    int factor = intArg(args, "--factor", 3);
    int maxPending = intArg(args, "--max-pending-writes", 256);
    int maxOutstanding = intArg(args, "--max-outstanding", 1024);
    Path data = Files.createTempDirectory("doppel-overload");
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data),
        HistoryOptions.defaults(), IngestOptions.defaults(), new AdmissionOptions(maxPending, Duration.ZERO))) {
      OverloadLoad load = new OverloadLoad(URI.create("http://127.0.0.1:" + server.port()), twins);
      new TwinSeeder(load.client, load.base).seed(twins);
      HeapSampler heap = HeapSampler.start();
      List<Long> idleReads = load.readsFor(Duration.ofSeconds(5));
      System.out.printf(Locale.ROOT, "reads without writes: GET twin p50 %.2f ms p99 %.2f ms (%d)%n",
          percentile(idleReads, 0.5), percentile(idleReads, 0.99), idleReads.size());
      load.closedLoop(writers, Duration.ofSeconds(3)); // warm-up
      heap.reset();
      double capacity = load.closedLoop(writers, Duration.ofSeconds(capacitySeconds));
      long capacityHeap = heap.reset();
      System.out.printf(Locale.ROOT, "capacity: %,.0f patches/s with %d closed-loop writers, max heap %,d MiB%n",
          capacity, writers, capacityHeap >> 20);
      Overload result = load.openLoop(capacity * factor, Duration.ofSeconds(overloadSeconds), maxOutstanding);
      long overloadHeap = heap.reset();
      Recovery recovery = load.recover();
      heap.stop();
      System.out.printf(Locale.ROOT, """
          overload: offered %,.0f/s (%.1fx capacity) for %d s; accepted %,.0f/s, shed (429) %,.0f/s, \
          other failures %d, not sent (generator at %d outstanding) %d
          reads during overload: GET twin p50 %.2f ms p99 %.2f ms max %.2f ms (%d); GET /health p99 %.2f ms (%d); \
          non-200 reads %d
          Retry-After seen: %s s; pending writes max %d of %d; max heap during overload %,d MiB (-Xmx %,d MiB)
          recovery: pending writes drained %d ms and a write accepted %d ms after the flood stopped
          failures: %s
          """, result.offeredPerSecond, result.offeredPerSecond / capacity, overloadSeconds,
          result.accepted / (double) overloadSeconds, result.shed / (double) overloadSeconds, result.failed,
          maxOutstanding, result.notSent, percentile(result.twinReads, 0.50), percentile(result.twinReads, 0.99),
          percentile(result.twinReads, 1.0), result.twinReads.size(), percentile(result.healthReads, 0.99),
          result.healthReads.size(), result.badReads, result.retryAfter, result.maxPending, maxPending,
          overloadHeap >> 20, Runtime.getRuntime().maxMemory() >> 20, recovery.drainedMillis,
          recovery.acceptedMillis, load.failures);
    } finally {
      try (var paths = Files.walk(data)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Latencies of sequential GETs of one twin for {@code length}, nothing else going on. */
  private List<Long> readsFor(Duration length) {
    List<Long> latencies = new ArrayList<>();
    long end = System.nanoTime() + length.toNanos();
    while (System.nanoTime() < end) {
      timedGet("/digitaltwins/sensor-00001" + TwinSeeder.API_VERSION, latencies);
    }
    return latencies;
  }

  /** Patches per second answered 2xx by {@code writers} threads each sending its next patch after the last answer. */
  private double closedLoop(int writers, Duration length) throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    long end = System.nanoTime() + length.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      threads.add(Thread.ofVirtual().start(() -> {
        while (System.nanoTime() < end) {
          try {
            if (client.send(patch(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
              ok.incrementAndGet();
            }
          } catch (java.io.IOException e) {
            // counted as not accepted
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return ok.get() / (length.toNanos() / 1e9);
  }

  private record Overload(double offeredPerSecond, long accepted, long shed, long failed, long notSent,
      List<Long> twinReads, List<Long> healthReads, long badReads, String retryAfter, long maxPending) {}

  /** Sends {@code rate} patches per second on a schedule for {@code length}, reading and probing meanwhile. */
  private Overload openLoop(double rate, Duration length, int maxOutstanding) throws Exception {
    AtomicLong accepted = new AtomicLong();
    AtomicLong shed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicInteger outstanding = new AtomicInteger();
    LongAccumulator minRetry = new LongAccumulator(Math::min, Long.MAX_VALUE);
    LongAccumulator maxRetry = new LongAccumulator(Math::max, 0);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Long> twinReads = new ArrayList<>();
    List<Long> healthReads = new ArrayList<>();
    AtomicLong badReads = new AtomicLong();
    AtomicLong maxPending = new AtomicLong();
    Thread reader = Thread.ofPlatform().name("overload-reader").start(() -> {
      while (running.get()) {
        badReads.addAndGet(timedGet("/digitaltwins/sensor-00001" + TwinSeeder.API_VERSION, twinReads));
        badReads.addAndGet(timedGet("/health", healthReads));
      }
    });
    Thread pendingProbe = Thread.ofPlatform().name("overload-pending").start(() -> {
      while (running.get()) {
        maxPending.accumulateAndGet(pending(), Math::max);
        LockSupport.parkNanos(200_000_000L);
      }
    });
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long sent = 0;
    long notSent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      long due = (long) ((now - start) / 1e9 * rate);
      for (; sent < due; sent++) {
        if (outstanding.get() >= maxOutstanding) {
          notSent++;
          continue;
        }
        outstanding.incrementAndGet();
        client.sendAsync(patch(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
          outstanding.decrementAndGet();
          if (error != null) {
            failed.incrementAndGet();
            Throwable cause = error.getCause() == null ? error : error.getCause();
            failures.computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
          } else if (response.statusCode() / 100 == 2) {
            accepted.incrementAndGet();
          } else if (response.statusCode() == 429) {
            shed.incrementAndGet();
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(-1);
            minRetry.accumulate(seconds);
            maxRetry.accumulate(seconds);
          } else {
            failed.incrementAndGet();
            failures.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
          }
        });
      }
      LockSupport.parkNanos(1_000_000L);
    }
    double offered = (sent - notSent) / (length.toNanos() / 1e9);
    running.set(false);
    reader.join();
    pendingProbe.join();
    // answers still arriving for requests sent in time count: they were part of the offered load
    while (outstanding.get() > 0) {
      LockSupport.parkNanos(10_000_000L);
    }
    String retry = shed.get() == 0 ? "none" : minRetry.get() + "-" + maxRetry.get();
    return new Overload(offered, accepted.get(), shed.get(), failed.get(), notSent, twinReads, healthReads,
        badReads.get(), retry, maxPending.get());
  }

  private record Recovery(long drainedMillis, long acceptedMillis) {}

  /** After the flood: how long until nothing waits any more, and until a single write is accepted again. */
  private Recovery recover() throws Exception {
    long start = System.nanoTime();
    long drained = -1;
    long acceptedAt = -1;
    while (drained < 0 || acceptedAt < 0) {
      if (drained < 0 && pending() == 0) {
        drained = (System.nanoTime() - start) / 1_000_000;
      }
      if (acceptedAt < 0 && readClient.send(patch(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
        acceptedAt = (System.nanoTime() - start) / 1_000_000;
      }
      LockSupport.parkNanos(5_000_000L);
    }
    return new Recovery(drained, acceptedAt);
  }

  private long timedGet(String path, List<Long> latencies) {
    long started = System.nanoTime();
    try {
      int status = readClient.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      latencies.add(System.nanoTime() - started);
      return status == 200 ? 0 : 1;
    } catch (java.io.IOException | InterruptedException e) {
      return 1;
    }
  }

  /** {@code doppel_writes_pending} from {@code /metrics}. */
  private long pending() {
    try {
      String metrics = readClient.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : metrics.split("\n")) {
        if (line.startsWith("doppel_writes_pending ")) {
          return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
        }
      }
    } catch (java.io.IOException | InterruptedException e) {
      // not known this time
    }
    return -1;
  }

  private HttpRequest patch() {
    String id = String.format(Locale.ROOT, "sensor-%05d", ThreadLocalRandom.current().nextInt(twins));
    String body = String.format(Locale.ROOT, "[{\"op\":\"replace\",\"path\":\"/lastTemperature\",\"value\":%.2f}]",
        15 + ThreadLocalRandom.current().nextDouble() * 60);
    return HttpRequest.newBuilder(base.resolve("/digitaltwins/" + id + TwinSeeder.API_VERSION))
        .header("Content-Type", "application/json-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static double percentile(List<Long> nanos, double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  /** The largest heap used since the last reset, sampled every 50 ms. */
  private static final class HeapSampler {
    private final AtomicLong max = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private HeapSampler() {
      this.thread = Thread.ofPlatform().daemon().name("overload-heap").start(() -> {
        var memory = ManagementFactory.getMemoryMXBean();
        while (running.get()) {
          max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          LockSupport.parkNanos(50_000_000L);
        }
      });
    }

    static HeapSampler start() {
      return new HeapSampler();
    }

    long reset() {
      return max.getAndSet(0);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
