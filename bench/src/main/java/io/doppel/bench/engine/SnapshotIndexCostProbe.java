package io.doppel.bench.engine;

import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * What property indexes and open snapshots cost the write path: the {@code submitPatch} load of
 * {@link PatchThroughputBenchmark} (two threads, windows of 4,096 durable patches of {@code p0} over 10,000 twins),
 * run in rounds that alternate the configurations in one JVM, each reported as throughput and process CPU time per
 * patch (steadier than throughput on a shared 2-core machine). Configurations: no index; an index on the patched
 * property {@code p0} (every patch moves an entry); indexes on {@code p7} and {@code p9}, which patches leave alone;
 * a snapshot held open for the round with no index (every patch records its undo entry); both.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xms4g -Xmx4g -cp bench/target/doppel-bench.jar
 * io.doppel.bench.engine.SnapshotIndexCostProbe [seconds per round] [rounds]}
 */
public final class SnapshotIndexCostProbe {
  private static final int TWINS = 10_000;
  private static final int THREADS = 2;
  private static final int WINDOW = 4096;

  private record Config(String name, List<String> indexes, boolean snapshot) {}

  private static final List<Config> CONFIGS = List.of(
      new Config("baseline", List.of(), false),
      new Config("index p0 (patched)", List.of("p0"), false),
      new Config("indexes p7+p9 (untouched)", List.of("p7", "p9"), false),
      new Config("snapshot open", List.of(), true),
      new Config("index p0 + snapshot open", List.of("p0"), true));

  private SnapshotIndexCostProbe() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path directory = Files.createTempDirectory("doppel-index-probe");
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(directory))) {
      engine.addModels(List.of(SensorModel.DTDL));
      List<CompletableFuture<TwinView>> created = new ArrayList<>(TWINS);
      for (int i = 0; i < TWINS; i++) {
        created.add(engine.putTwinAsync("sensor-" + i, SensorModel.twin(i), Precondition.none()));
      }
      created.forEach(CompletableFuture::join);
      run(engine, CONFIGS.get(0), seconds); // warm-up, not reported
      for (int round = 1; round <= rounds; round++) {
        for (Config config : CONFIGS) {
          for (String path : engine.indexes()) {
            engine.dropIndex(path);
          }
          config.indexes().forEach(engine::createIndex);
          GraphSnapshot snapshot = config.snapshot() ? engine.snapshot() : null;
          double[] result = run(engine, config, seconds);
          if (snapshot != null) {
            snapshot.close();
          }
          System.out.printf(Locale.ROOT, "round %d %-28s %,9.0f patches/s %6.2f us CPU per patch%n", round,
              config.name(), result[0], result[1]);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Patches per second and CPU microseconds per patch. */
  private static double[] run(TwinEngine engine, Config config, int seconds) throws InterruptedException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long started = System.nanoTime();
    long deadline = started + seconds * 1_000_000_000L;
    LongAdder done = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(Thread.ofPlatform().start(() -> WindowedPatches.run(engine, TWINS, WINDOW, deadline, done)));
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3;
    return new double[] {done.sum() / elapsed, cpuMicros / done.sum()};
  }
}
