package io.doppel.bench.engine;

import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.EngineStats;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.lang.management.GarbageCollectorMXBean;
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
 * The same load as {@code PatchThroughputBenchmark.submitPatch} (durable patches on RocksDB, two threads each
 * keeping a window of patches in flight over 10,000 twins), reported as throughput beside what it cost: CPU time of
 * the whole process per patch, heap bytes allocated per patch (by every thread of the process: allocation is what
 * drives young collections, whose pauses spoil query latency under writes), and garbage collections. On a 2-core machine shared with other work the throughput
 * moves with the neighbours; CPU per patch moves much less, so it is the figure to compare changes by.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xms4g -Xmx4g -cp bench/target/doppel-bench.jar
 * io.doppel.bench.engine.PatchCpuProbe [seconds per round] [rounds]}
 */
public final class PatchCpuProbe {
  private static final int TWINS = 10_000;
  private static final int THREADS = 2;
  private static final int WINDOW = 4096;

  private PatchCpuProbe() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    Path directory = Files.createTempDirectory("doppel-cpu-probe");
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(directory))) {
      engine.addModels(List.of(SensorModel.DTDL));
      List<CompletableFuture<TwinView>> created = new ArrayList<>(TWINS);
      for (int i = 0; i < TWINS; i++) {
        created.add(engine.putTwinAsync("sensor-" + i, SensorModel.twin(i), Precondition.none()));
      }
      created.forEach(CompletableFuture::join);
      for (int round = 1; round <= rounds; round++) {
        report(round, engine, seconds);
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void report(int round, TwinEngine engine, int seconds) throws InterruptedException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    EngineStats before = engine.stats();
    long gcCount = gcCount();
    long gcMillis = gcMillis();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = threads.getTotalThreadAllocatedBytes();
    long cpu = os.getProcessCpuTime();
    long started = System.nanoTime();
    LongAdder done = new LongAdder();
    long deadline = started + seconds * 1_000_000_000L;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      writers.add(Thread.ofPlatform().start(() -> WindowedPatches.run(engine, TWINS, WINDOW, deadline, done)));
    }
    for (Thread t : writers) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3;
    long allocatedBytes = threads.getTotalThreadAllocatedBytes() - allocated;
    EngineStats after = engine.stats();
    long commits = after.commits() - before.commits();
    long patches = done.sum();
    System.out.printf(Locale.ROOT,
        "round %d: %,.0f patches/s, %.2f us CPU per patch (%.2f cores), %,.0f bytes allocated per patch, %d GCs %d ms,"
            + " %,d commits, %.0f per commit%n",
        round, patches / elapsed, cpuMicros / patches, cpuMicros / 1e6 / elapsed, (double) allocatedBytes / patches,
        gcCount() - gcCount,
        gcMillis() - gcMillis, commits, commits == 0 ? 0.0 : (double) (after.committedChanges()
            - before.committedChanges()) / commits);
  }


  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }
}
