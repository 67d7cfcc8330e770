package io.doppel.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The observer of {@code bench/run-overload.sh}, in its own process beside the server and the load generator: reads
 * one twin and {@code /health} one after the other (a short pause between rounds, so that it measures the server
 * and does not add load), samples {@code /metrics} for the heap used and the pending writes, and once the stop file
 * appears (the flood is over) measures recovery: until the pending writes are 0, and until a write is answered 2xx.
 * Prints one {@code PROBE_RESULT} line.
 *
 * <pre>java -cp doppel-bench.jar io.doppel.bench.http.OverloadProbe &lt;base-url&gt; &lt;stop-file&gt; [seconds]</pre>
 *
 * With {@code seconds} it stops after that long instead of measuring recovery (reads without writes). The API key
 * comes from {@code DOPPEL_API_KEY}.
 */
public final class OverloadProbe {
  private static final String TWIN = "/digitaltwins/sensor-00001" + TwinSeeder.API_VERSION;
  private static final Duration PAUSE = Duration.ofMillis(5);

  private final URI base;
  private final String authorization;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final List<Long> twinReads = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> healthReads = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong badReads = new AtomicLong();
  private final AtomicLong heapMax = new AtomicLong();
  private final AtomicLong pendingMax = new AtomicLong();
  private volatile boolean stopped;

  private OverloadProbe(URI base, String apiKey) {
    this.base = base;
    this.authorization = apiKey == null ? null : "Bearer " + apiKey;
  }

  public static void main(String[] args) throws Exception {
    OverloadProbe probe = new OverloadProbe(URI.create(args[0]), System.getenv("DOPPEL_API_KEY"));
    Path stopFile = Path.of(args[1]);
    Long seconds = args.length > 2 ? Long.valueOf(args[2]) : null;
    Thread reader = Thread.ofPlatform().start(probe::readUntilStopped);
    Thread sampler = Thread.ofPlatform().start(probe::sampleUntilStopped);
    long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
    while (!Files.exists(stopFile) && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    long floodOver = System.nanoTime();
    probe.stopped = true;
    reader.join();
    sampler.join();
    String recovery = seconds != null ? "" : probe.recovery(floodOver);
    System.out.printf(Locale.ROOT, "PROBE_RESULT twin_reads=%d twin_p50_ms=%.2f twin_p99_ms=%.2f twin_max_ms=%.2f "
            + "health_reads=%d health_p50_ms=%.2f health_p99_ms=%.2f health_max_ms=%.2f non_200_reads=%d "
            + "heap_max_mib=%d pending_max=%d%s%n",
        probe.twinReads.size(), percentile(probe.twinReads, 0.50), percentile(probe.twinReads, 0.99),
        percentile(probe.twinReads, 1.0), probe.healthReads.size(), percentile(probe.healthReads, 0.50),
        percentile(probe.healthReads, 0.99), percentile(probe.healthReads, 1.0), probe.badReads.get(),
        probe.heapMax.get() >> 20, probe.pendingMax.get(), recovery);
  }

  private void readUntilStopped() {
    while (!stopped) {
      timedGet(TWIN, twinReads);
      timedGet("/health", healthReads);
      sleep(PAUSE);
    }
  }

  /** Heap used (all heap pools) and pending writes, four times a second: both move within a second under load. */
  private void sampleUntilStopped() {
    while (!stopped) {
      sample();
      sleep(Duration.ofMillis(250));
    }
    sample();
  }

  private void sample() {
    try {
      String metrics = get("/metrics").body();
      long heap = 0;
      for (String line : metrics.split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      heapMax.accumulateAndGet(heap, Math::max);
      pendingMax.accumulateAndGet(pending(metrics), Math::max);
    } catch (IOException e) {
      badReads.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Milliseconds from the flood's end until nothing is pending, and until a write is accepted again. */
  private String recovery(long floodOver) throws InterruptedException {
    long drained = -1;
    long accepted = -1;
    while (drained < 0 || accepted < 0) {
      try {
        if (drained < 0 && pending(get("/metrics").body()) == 0) {
          drained = System.nanoTime();
        }
        if (accepted < 0 && patch() / 100 == 2) {
          accepted = System.nanoTime();
        }
      } catch (IOException e) {
        badReads.incrementAndGet();
      }
      if (System.nanoTime() - floodOver > Duration.ofMinutes(2).toNanos()) {
        return " recovery=none_in_2_min";
      }
    }
    return String.format(Locale.ROOT, " drained_ms=%.1f write_accepted_ms=%.1f", (drained - floodOver) / 1e6,
        (accepted - floodOver) / 1e6);
  }

  private static long pending(String metrics) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith("doppel_writes_pending ")) {
        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
      }
    }
    throw new IllegalStateException("/metrics has no doppel_writes_pending");
  }

  private int patch() throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(TWIN))
        .header("Content-Type", "application/json-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(
            "[{\"op\":\"replace\",\"path\":\"/lastTemperature\",\"value\":21.5}]"));
    return client.send(authorized(request).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private void timedGet(String path, List<Long> latencies) {
    long start = System.nanoTime();
    try {
      if (get(path).statusCode() != 200) {
        badReads.incrementAndGet();
      }
      latencies.add(System.nanoTime() - start);
    } catch (IOException e) {
      badReads.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(30))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private static double percentile(List<Long> nanos, double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
