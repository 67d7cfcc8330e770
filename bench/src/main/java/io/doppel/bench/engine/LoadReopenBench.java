package io.doppel.bench.engine;

import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads N twins of ten properties through the engine into RocksDB with many concurrent writers, then reports load
 * time, heap used after a full GC, and the time to reopen the store and engine. A main class rather than JMH: each
 * figure is one long operation.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xmx1536m -cp bench/target/doppel-bench.jar
 * io.doppel.bench.engine.LoadReopenBench [twins=1000000|reopen] [dir]}; {@code reopen} only reopens {@code dir}.
 */
public final class LoadReopenBench {
  private LoadReopenBench() {}

  public static void main(String[] args) throws Exception {
    boolean reopenOnly = args.length > 0 && args[0].equals("reopen");
    int count = args.length > 0 && !reopenOnly ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("doppel-bench-load");
    if (!reopenOnly) {
      load(count, dir);
    }
    long heapClosed = heapAfterGc();
    long reopen = System.nanoTime();
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      double reopenSeconds = (System.nanoTime() - reopen) / 1e9;
      long heap = heapAfterGc();
      System.out.printf("reopened %d twins (version %d) in %.1f s; heap after GC %.0f MiB (%.0f MiB before open)%n",
          engine.twinCount(), engine.version(), reopenSeconds, heap / 1048576.0, heapClosed / 1048576.0);
      System.out.println("sample: " + engine.getTwin("sensor-" + (count - 1)).json());
    }
  }

  /** In its own frame so that nothing of the loading engine stays reachable when heap is measured after it. */
  private static void load(int count, Path dir) throws Exception {
    // Many concurrent writers so that each group commit carries many twins.
    int writers = 2048;
    long start = System.nanoTime();
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      engine.addModels(List.of(SensorModel.DTDL));
      AtomicInteger next = new AtomicInteger();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          futures.add(pool.submit(() -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              engine.putTwin("sensor-" + i, SensorModel.twin(i), Precondition.none());
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      }
      double loadSeconds = (System.nanoTime() - start) / 1e9;
      long heap = heapAfterGc();
      System.out.printf("loaded %d twins in %.1f s (%.0f twins/s); heap after GC %.0f MiB; twinCount=%d%n",
          count, loadSeconds, count / loadSeconds, heap / 1048576.0, engine.twinCount());
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
