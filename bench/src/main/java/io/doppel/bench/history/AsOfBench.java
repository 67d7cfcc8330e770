package io.doppel.bench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.query.QueryPage;
import io.doppel.query.QueryService;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The cost of reading the past: {@code twins} twins, a time T, then {@code changes} patches of random twins; then
 * rolling the graph back to T ({@code HistoryService.snapshotAt}) and a COUNT query over it ({@code AS OF}), each
 * timed per call (p50/p99/max over repeated calls), beside the same COUNT over the current graph. The history is on
 * its durable RocksDB store. A main class, not JMH: each call is long and the setup dominates.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xmx2g -cp bench/target/doppel-bench.jar
 * io.doppel.bench.history.AsOfBench [twins=100000] [changes=10000] [calls=20]}
 */
public final class AsOfBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:bench:Tank;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"level","schema":"double","writable":true}]}""";

  private AsOfBench() {}

  public static void main(String[] args) throws Exception {
    int twins = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int changes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path dir = Files.createTempDirectory("doppel-bench-asof");
    try (TwinEngine engine = TwinEngine.open(TwinStore.inMemory());
        HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), HistoryOptions.defaults())) {
      history.caughtUp().join();
      engine.addModels(List.of(MODEL));
      Random random = new Random(42);
      List<CompletableFuture<?>> inFlight = new ArrayList<>();
      for (int i = 0; i < twins; i++) {
        ObjectNode twin = (ObjectNode) JSON.readTree("{\"$metadata\":{\"$model\":\"dtmi:bench:Tank;1\"},\"level\":"
            + random.nextInt(100) + "}");
        inFlight.add(engine.putTwinAsync("tank-" + i, twin, Precondition.none()));
        if (inFlight.size() == 10_000) {
          CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
          inFlight.clear();
        }
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
      inFlight.clear();
      Thread.sleep(20);
      Instant t = Instant.now();
      Thread.sleep(20);
      for (int i = 0; i < changes; i++) {
        ArrayNode patch = (ArrayNode) JSON.readTree("[{\"op\":\"replace\",\"path\":\"/level\",\"value\":"
            + random.nextInt(100) + "}]");
        inFlight.add(engine.patchTwinAsync("tank-" + random.nextInt(twins), patch, Precondition.none()));
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
      history.changes("tank-0", Instant.EPOCH, Instant.now(), null, 1); // waits until the log holds every change
      QueryService queries = new QueryService(engine::snapshot, history::snapshotAt);
      String count = "SELECT COUNT() FROM DIGITALTWINS WHERE level > 50";
      long[] rollback = time(calls, () -> {
        try (GraphSnapshot past = history.snapshotAt(t)) {
          return past.twinCount();
        }
      });
      long[] asOf = time(calls, () -> first(queries.run(count + " AS OF '" + t + "'", null, 10)));
      long[] now = time(calls, () -> first(queries.run(count, null, 10)));
      System.out.printf("%d twins, %d changes since T%n", twins, changes);
      report("rollback to T (snapshotAt)", rollback);
      report("COUNT ... AS OF T (scan)", asOf);
      report("COUNT now (scan)", now);
    } finally {
      delete(dir);
    }
  }

  private static long first(QueryPage page) {
    return page.value().get(0).path("COUNT").asLong();
  }

  private interface Call {
    long run() throws Exception;
  }

  private static long[] time(int calls, Call call) throws Exception {
    for (int i = 0; i < 3; i++) {
      call.run(); // warm-up
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static void report(String what, long[] sorted) {
    System.out.printf("%-28s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", what, sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
