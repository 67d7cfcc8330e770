package io.doppel.bench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.Aggregation;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The history's two targets, in-process, on the durable RocksDB store: telemetry ingest in values per second
 * (messages of ten telemetry values, validated against the model, acknowledged once synced), and a range read of one
 * day of 1-second data of one series (86,400 points) downsampled to 1-minute buckets, p50/p99 over repeated reads.
 * A main class, not JMH: ingest is one long run with many writers, the read is timed per call over a warm store.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xmx1g -cp bench/target/doppel-bench.jar
 * io.doppel.bench.history.HistoryBench [twins=1000] [writers=4] [seconds=10]}
 */
public final class HistoryBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VALUES = 10;
  private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");

  private HistoryBench() {}

  public static void main(String[] args) throws Exception {
    int twins = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Files.createTempDirectory("doppel-bench-history");
    try (TwinEngine engine = TwinEngine.open(TwinStore.inMemory())) {
      engine.addModels(List.of(model()));
      for (int i = 0; i < twins; i++) {
        engine.putTwin("meter-" + i, object("{\"$metadata\":{\"$model\":\"dtmi:bench:Meter;1\"}}"),
            Precondition.none());
      }
      ingest(engine, dir.resolve("ingest"), twins, writers, seconds);
      read(engine, dir.resolve("read"));
    } finally {
      delete(dir);
    }
  }

  private static void ingest(TwinEngine engine, Path dir, int twins, int writers, int seconds) throws Exception {
    // Ten messages per twin prepared up front: the bench measures the history, not building JSON.
    ObjectNode[] messages = new ObjectNode[1000];
    java.util.Random random = new java.util.Random(7);
    for (int m = 0; m < messages.length; m++) {
      ObjectNode message = JSON.createObjectNode();
      for (int v = 0; v < VALUES; v++) {
        message.put("v" + v, Math.round((20 + v + Math.sin(m / 50.0) * 3 + random.nextGaussian() * 0.1) * 100) / 100.0);
      }
      messages[m] = message;
    }
    try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), HistoryOptions.defaults())) {
      AtomicLong values = new AtomicLong();
      long warmUpEnd = System.nanoTime() + 3_000_000_000L;
      long end = warmUpEnd + seconds * 1_000_000_000L;
      long[] measuredFrom = new long[1];
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        threads.add(Thread.ofPlatform().start(() -> {
          Semaphore inFlight = new Semaphore(2048); // each writer keeps many messages in flight, as HTTP clients do
          long seq = 0;
          while (System.nanoTime() < end) {
            inFlight.acquireUninterruptibly();
            int twin = (int) ((seq * writers + writer) % twins);
            Instant time = DAY.plusSeconds(seq * writers / twins + 1).plusMillis(writer);
            ObjectNode message = messages[(int) (seq % messages.length)];
            seq++;
            boolean measured = System.nanoTime() >= warmUpEnd;
            history.recordTelemetry("meter-" + twin, null, message, time, null).whenComplete((ok, e) -> {
              inFlight.release();
              if (e == null && measured) {
                values.addAndGet(VALUES);
              }
            });
          }
          inFlight.acquireUninterruptibly(2048);
        }));
      }
      while (System.nanoTime() < warmUpEnd) {
        Thread.sleep(10);
      }
      measuredFrom[0] = System.nanoTime();
      for (Thread t : threads) {
        t.join();
      }
      double elapsed = (System.nanoTime() - measuredFrom[0]) / 1e9;
      System.out.printf("ingest: %,d values in %.1f s = %,.0f values/s (%d twins x %d telemetry, %d writers, "
          + "synced group commits)%n", values.get(), elapsed, values.get() / elapsed, twins, VALUES, writers);
    }
    long bytes = size(dir);
    System.out.printf("ingest: store on disk after close %,d MiB%n", bytes >> 20);
  }

  private static void read(TwinEngine engine, Path dir) throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), HistoryOptions.defaults())) {
      for (int s = 0; s < 86_400; s++) {
        double value = Math.round((21 + Math.sin(s / 3600.0) * 2) * 10) / 10.0; // a 0.1-resolution sensor
        acks.add(history.recordTelemetry("meter-0", null, object("{\"v0\":" + value + "}"), DAY.plusSeconds(s), null));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }
    System.out.printf("read: one day of 1-second points stored in %,d KiB (store closed: data in SST files)%n",
        size(dir) >> 10);
    try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), HistoryOptions.defaults())) {
      Instant to = DAY.plus(Duration.ofDays(1));
      List<Point> check = history.downsample("meter-0", "v0", DAY, to, Duration.ofMinutes(1), Aggregation.AVG);
      if (check.size() != 1440) {
        throw new IllegalStateException("expected 1440 buckets, got " + check.size());
      }
      int warmUp = 200;
      int runs = 1000;
      long[] nanos = new long[runs];
      for (int i = 0; i < warmUp + runs; i++) {
        long start = System.nanoTime();
        List<Point> buckets = history.downsample("meter-0", "v0", DAY, to, Duration.ofMinutes(1), Aggregation.AVG);
        long took = System.nanoTime() - start;
        if (buckets.size() != 1440) {
          throw new IllegalStateException("expected 1440 buckets");
        }
        if (i >= warmUp) {
          nanos[i - warmUp] = took;
        }
      }
      Arrays.sort(nanos);
      System.out.printf("read: 86,400 points -> 1,440 1-minute avg buckets: p50 %.2f ms, p99 %.2f ms, max %.2f ms "
          + "(%d reads)%n", nanos[runs / 2] / 1e6, nanos[runs * 99 / 100] / 1e6, nanos[runs - 1] / 1e6, runs);
      long start = System.nanoTime();
      int raw = history.range("meter-0", "v0", DAY, to, HistoryService.MAX_POINTS).points().size();
      System.out.printf("read: raw range of %,d points in %.2f ms (one call)%n", raw, (System.nanoTime() - start) / 1e6);
    }
  }

  private static String model() {
    StringBuilder contents = new StringBuilder();
    for (int v = 0; v < VALUES; v++) {
      contents.append(v == 0 ? "" : ",").append("{\"@type\":\"Telemetry\",\"name\":\"v").append(v)
          .append("\",\"schema\":\"double\"}");
    }
    return "{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:bench:Meter;1\",\"@type\":\"Interface\","
        + "\"contents\":[" + contents + "]}";
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
