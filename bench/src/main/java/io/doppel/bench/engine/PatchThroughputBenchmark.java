package io.doppel.bench.engine;

import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import io.doppel.twin.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable twin patches through the engine on RocksDB: every patch is validated, versioned and acknowledged only
 * after its group's synced WAL write. {@code patch} is the blocking API with many threads, so that group commit has
 * company to batch; {@code patchAsync} and {@code submitPatch} are the asynchronous API, each of two threads
 * keeping a window of {@value #WINDOW} patches in flight (random twins, so the sequencer also meets twins changed since they were
 * prepared).
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -jar bench/target/doppel-bench.jar PatchThroughput}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Threads(256)
public class PatchThroughputBenchmark {
  @Param({"10000"})
  public int twins;

  /** Property indexes to maintain, separated by {@code +} (e.g. {@code p0+p7}; JMH splits on commas); empty: none. */
  @Param({""})
  public String indexes;

  /** Whether a snapshot stays open during each iteration, so that every patch also records what it replaces. */
  @Param({"false"})
  public boolean snapshot;

  private io.doppel.twin.@org.jspecify.annotations.Nullable GraphSnapshot open;

  private Path directory;
  private TwinEngine engine;

  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("doppel-bench-patch");
    engine = TwinEngine.open(RocksTwinStore.open(directory));
    engine.addModels(List.of(SensorModel.DTDL));
    List<CompletableFuture<TwinView>> created = new ArrayList<>(twins);
    for (int i = 0; i < twins; i++) {
      created.add(engine.putTwinAsync("sensor-" + i, SensorModel.twin(i), Precondition.none()));
    }
    created.forEach(CompletableFuture::join);
    for (String path : indexes.split("\\+")) {
      if (!path.isBlank()) {
        engine.createIndex(path.trim());
      }
    }
  }

  @Setup(Level.Iteration)
  public void openSnapshot() {
    if (snapshot) {
      open = engine.snapshot();
    }
  }

  /** Closing drops the iteration's undo entries: memory stays bounded by one iteration's writes. */
  @TearDown(Level.Iteration)
  public void closeSnapshot() {
    if (open != null) {
      open.close();
      open = null;
    }
  }

  /** Patches each asynchronous thread keeps in flight. */
  static final int WINDOW = 4096;

  /**
   * A thread's writes in flight, oldest first. A thread submits until {@value #WINDOW} are in flight, then waits
   * for the oldest before each new one: a sliding window, so the engine always has a full queue to batch.
   */
  @State(Scope.Thread)
  public static class Window {
    final ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>(WINDOW);

    long admit(CompletableFuture<?> write) {
      inFlight.addLast(write);
      return inFlight.size() > WINDOW ? awaitOldest() : 0;
    }

    private long awaitOldest() {
      // join() rethrows a refused or failed patch: the benchmark counts only durable, acknowledged ones.
      return switch (inFlight.removeFirst().join()) {
        case TwinView v -> v.version();
        case WriteResult r -> r.version();
        default -> throw new IllegalStateException("unexpected reply");
      };
    }

    /** Each iteration ends with nothing in flight, so no write is counted in one and acknowledged in the next. */
    @TearDown(Level.Iteration)
    public void drain() {
      while (!inFlight.isEmpty()) {
        awaitOldest();
      }
    }
  }

  /** The asynchronous API answering the full twin, as {@code patchTwin} does. */
  @Benchmark
  @Threads(2)
  public long patchAsync(Window window) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return window.admit(engine.patchTwinAsync("sensor-" + random.nextInt(twins),
        SensorModel.patch(random.nextDouble()), Precondition.none()));
  }

  /** The asynchronous API answering only the new ETag and version: what an HTTP PATCH (204) needs. */
  @Benchmark
  @Threads(2)
  public long submitPatch(Window window) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return window.admit(engine.submitPatch("sensor-" + random.nextInt(twins),
        SensorModel.patch(random.nextDouble()), Precondition.none()));
  }

  @Benchmark
  public long patch() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return engine.patchTwin("sensor-" + random.nextInt(twins), SensorModel.patch(random.nextDouble()),
        Precondition.none()).version();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    // Printed for the report: how large the groups were and how often the sequencer had to prepare again.
    System.out.println("engine stats: " + engine.stats());
    engine.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
