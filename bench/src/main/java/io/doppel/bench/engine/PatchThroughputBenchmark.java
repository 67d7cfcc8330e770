package io.doppel.bench.engine;

import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
 * after its group's synced WAL write. Many threads so that group commit has company to batch.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -jar bench/target/doppel-bench.jar PatchThroughput}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Threads(256)
public class PatchThroughputBenchmark {
  @Param({"10000"})
  public int twins;

  private Path directory;
  private TwinEngine engine;

  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("doppel-bench-patch");
    engine = TwinEngine.open(RocksTwinStore.open(directory));
    engine.addModels(List.of(SensorModel.DTDL));
    for (int i = 0; i < twins; i++) {
      engine.putTwin("sensor-" + i, SensorModel.twin(i), Precondition.none());
    }
  }

  @Benchmark
  public long patch() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return engine.patchTwin("sensor-" + random.nextInt(twins), SensorModel.patch(random.nextDouble()),
        Precondition.none()).version();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    engine.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
