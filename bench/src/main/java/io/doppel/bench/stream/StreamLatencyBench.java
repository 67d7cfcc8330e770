package io.doppel.bench.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.stream.StreamStages;
import io.doppel.twin.CommitStages;
import io.doppel.twin.LatencyHistogram;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Write → WebSocket subscriber latency. Starts a {@link DoppelServer} on a temporary RocksDB data directory,
 * connects a real {@link java.net.http.WebSocket} client to {@code /events}, writes durable patches through the
 * engine at a fixed rate, and measures, per patch, the time from just before {@code submitPatch} to the CloudEvent's
 * arrival; it also splits that at the write's durable acknowledgement (engine time vs. stream and socket time).
 * Only patches written after the warm-up (at half the rate) are measured. For the same minutes it prints the
 * engine's and the stream's own stage timings ({@link CommitStages}, {@link StreamStages}: per write and per event,
 * where the time between submit and receipt went), the young collections and the process's CPU time.
 *
 * <p>{@code java -cp bench/target/doppel-bench.jar io.doppel.bench.stream.StreamLatencyBench [rate/s] [seconds]
 * [warm-up seconds] [twins]}; defaults 20000 20 5 1000.
 */
public final class StreamLatencyBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Meter;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "seq", "schema": "long", "writable": true}]}""";

  private StreamLatencyBench() {}

  public static void main(String[] args) throws Exception {
    // Before any logger exists: without it Logback logs Jetty at DEBUG, several lines per WebSocket frame.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml");
    }
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int twins = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    // The warm-up runs at half the rate: a cold JIT must not put the subscriber behind before it is measured.
    long firstMeasured = (long) rate * warmup / 2;
    int total = (int) (firstMeasured + (long) rate * seconds);
    Path dir = Files.createTempDirectory("doppel-stream-bench");
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir))) {
      TwinEngine engine = server.engine();
      engine.addModels(List.of(MODEL));
      for (int i = 0; i < twins; i++) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("$metadata").put("$model", "dtmi:bench:Meter;1");
        engine.putTwin(twinId(i), body.put("seq", -1), Precondition.none());
      }
      AtomicLongArray submitted = new AtomicLongArray(total);
      AtomicLongArray acknowledged = new AtomicLongArray(total);
      AtomicLongArray received = new AtomicLongArray(total);
      AtomicLong count = new AtomicLong();
      Receiver receiver = new Receiver(received, count);
      URI ws = URI.create(server.baseUri().toString().replaceFirst("^http", "ws") + "/events?type=io.doppel.twin.patched");
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, receiver).join();
      System.out.printf(Locale.ROOT, "writing %,d patches/s for %d s (after %d s at half the rate) to %,d twins; "
          + "one WebSocket subscriber on %s%n", rate, seconds, warmup, twins, ws);
      long start = System.nanoTime();
      long sent = 0;
      Stages before = null;
      while (sent < total) {
        if (before == null && sent >= firstMeasured) {
          before = Stages.of(engine.commitStages(), server.streams().stages());
        }
        long elapsed = System.nanoTime() - start;
        long warm = warmup * 1_000_000_000L;
        long due = Math.min(total, elapsed < warm ? elapsed * rate / 2_000_000_000L
            : firstMeasured + (elapsed - warm) * rate / 1_000_000_000L);
        for (; sent < due; sent++) {
          int seq = (int) sent;
          ArrayNode patch = JSON.createArrayNode();
          patch.addObject().put("op", "replace").put("path", "/seq").put("value", seq);
          submitted.set(seq, System.nanoTime());
          engine.submitPatch(twinId(seq % twins), patch, Precondition.none())
              .whenComplete((ok, failure) -> acknowledged.set(seq, failure == null ? System.nanoTime() : -1));
        }
        Thread.sleep(0, 200_000);
      }
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      long waitUntil = System.nanoTime() + 10_000_000_000L;
      while (count.get() < total && System.nanoTime() < waitUntil) {
        Thread.sleep(10);
      }
      Stages after = Stages.of(engine.commitStages(), server.streams().stages());
      socket.abort();
      report(submitted, acknowledged, received, firstMeasured, total, writeSeconds, count.get(),
          server.streams().stats().tooSlowDisconnects());
      if (before != null) {
        after.since(before).print();
      }
    }
  }

  private static String twinId(int i) {
    return "meter-" + i;
  }

  private static void report(AtomicLongArray submitted, AtomicLongArray acknowledged, AtomicLongArray received,
      long from, int total, double writeSeconds, long got, long dropped) {
    int n = (int) (total - from);
    long[] endToEnd = new long[n];
    long[] engine = new long[n];
    long[] stream = new long[n];
    int m = 0;
    int missing = 0;
    for (int i = (int) from; i < total; i++) {
      long r = received.get(i);
      long a = acknowledged.get(i);
      if (r == 0 || a <= 0) {
        missing++;
        continue;
      }
      endToEnd[m] = r - submitted.get(i);
      engine[m] = a - submitted.get(i);
      stream[m] = Math.max(0, r - a);
      m++;
    }
    System.out.printf(Locale.ROOT, "wrote %,d patches in %.1f s (%,.0f/s); %,d events received, %d measured "
        + "events missing, %d subscriber disconnects%n", total, writeSeconds, total / writeSeconds, got, missing,
        dropped);
    line("write -> WebSocket receipt", Arrays.copyOf(endToEnd, m));
    line("  write -> durable ack    ", Arrays.copyOf(engine, m));
    line("  durable ack -> receipt  ", Arrays.copyOf(stream, m));
  }

  private static void line(String what, long[] nanos) {
    Arrays.sort(nanos);
    if (nanos.length == 0) {
      System.out.println(what + ": no samples");
      return;
    }
    System.out.printf(Locale.ROOT, "%s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  (%,d samples)%n",
        what, ms(nanos, 0.50), ms(nanos, 0.99), ms(nanos, 0.999), nanos[nanos.length - 1] / 1e6, nanos.length);
  }

  /** The server's stage histograms, GC and CPU counters at one moment; the difference of two is a period's. */
  private record Stages(List<LatencyHistogram.Snapshot> histograms, long gcCount, long gcMillis, long cpuNanos,
      long wallNanos) {
    private static final List<String> NAMES = List.of(
        "engine: queued -> taken by the writer   ", "engine: taken -> to the store         ",
        "engine: store write + WAL sync         ", "engine: durable -> listeners told      ",
        "engine: told -> this write answered    ", "stream: handed over -> in the ring     ",
        "stream: in the ring -> to the WebSocket", "stream: flush of the WebSocket (each)  ");

    static Stages of(CommitStages c, StreamStages s) {
      long count = 0;
      long millis = 0;
      for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      var os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      return new Stages(List.of(c.waiting().snapshot(), c.preparing().snapshot(), c.syncing().snapshot(),
          c.publishing().snapshot(), c.answering().snapshot(), s.toRing().snapshot(), s.toTransport().snapshot(),
          s.flushing().snapshot()), count, millis, os.getProcessCpuTime(), System.nanoTime());
    }

    Stages since(Stages earlier) {
      List<LatencyHistogram.Snapshot> diff = new java.util.ArrayList<>();
      for (int i = 0; i < histograms.size(); i++) {
        diff.add(histograms.get(i).minus(earlier.histograms.get(i)));
      }
      return new Stages(diff, gcCount - earlier.gcCount, gcMillis - earlier.gcMillis, cpuNanos - earlier.cpuNanos,
          wallNanos - earlier.wallNanos);
    }

    void print() {
      System.out.println("stages, measured period (bucket upper bounds, within 12.5%):");
      for (int i = 0; i < NAMES.size(); i++) {
        LatencyHistogram.Snapshot h = histograms.get(i);
        System.out.printf(Locale.ROOT, "  %s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  (%,d)%n",
            NAMES.get(i), h.percentile(0.5) / 1e6, h.percentile(0.99) / 1e6, h.percentile(0.999) / 1e6,
            h.percentile(1.0) / 1e6, h.count());
      }
      System.out.printf(Locale.ROOT, "collections: %d, %d ms in total; process CPU %.2f cores over %.1f s%n",
          gcCount, gcMillis, (double) cpuNanos / wallNanos, wallNanos / 1e9);
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  /** Collects whole text messages and stamps each patched event's sequence number on arrival. */
  private static final class Receiver implements WebSocket.Listener {
    private final AtomicLongArray received;
    private final AtomicLong count;
    private final StringBuilder partial = new StringBuilder();

    Receiver(AtomicLongArray received, AtomicLong count) {
      this.received = received;
      this.count = count;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      partial.append(data);
      if (last) {
        int seq = sequence(partial);
        partial.setLength(0);
        if (seq >= 0 && seq < received.length()) {
          received.set(seq, now);
          count.incrementAndGet();
        }
      }
      return null;
    }

    /** The patch's value, found without parsing the whole CloudEvent (the client shares 2 cores with the server). */
    private static int sequence(CharSequence message) {
      String text = message.toString();
      int at = text.lastIndexOf("\"value\":");
      if (at < 0) {
        return -1;
      }
      int i = at + 8;
      int end = i;
      while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
        end++;
      }
      return end > i ? Integer.parseInt(text.substring(i, end)) : -1;
    }
  }
}
