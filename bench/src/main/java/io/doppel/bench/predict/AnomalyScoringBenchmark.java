package io.doppel.bench.predict;

import io.doppel.predict.anomaly.AnomalyDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Online anomaly scoring on one core: {@value #POINTS} values of a five-minute series (a daily cycle, noise, a spike
 * now and then) scored one at a time by one detector, as each ingested value is scored live; the score is points per
 * second. The detector is fresh per invocation, so warm-up, the daily model and the quiet periods are all included.
 *
 * <p>Run: {@code java -jar bench/target/doppel-bench.jar AnomalyScoring}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AnomalyScoringBenchmark {
  static final int POINTS = 100_000;
  private static final long T0 = 1_700_000_000L;

  private final double[] values = new double[POINTS];

  @Setup
  public void series() {
    Random r = new Random(7);
    for (int i = 0; i < POINTS; i++) {
      double daily = 20 * Math.sin(2 * Math.PI * (i % 288) / 288.0);
      values[i] = 50 + daily + r.nextGaussian() + (r.nextInt(2000) == 0 ? 40 : 0);
    }
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public double score() {
    AnomalyDetector detector = new AnomalyDetector();
    double sum = 0;
    for (int i = 0; i < POINTS; i++) {
      sum += detector.score(T0 + 300L * i, values[i]).score();
    }
    return sum;
  }
}
