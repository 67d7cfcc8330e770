package io.doppel.bench.forecast;

import io.doppel.predict.forecast.Forecast;
import io.doppel.predict.forecast.Forecaster;
import io.doppel.predict.forecast.Mstl;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fit + forecast of one hourly series of 1,000 points (daily and weekly cycles, a trend, noise), h = 48, on one
 * thread; milliseconds per series.
 *
 * <ul>
 *   <li>{@code auto}: what {@code doppel forecast} and the API do: seasonality tests, every candidate fitted on the
 *       first 952 points and scored on the last 48, the chosen one refitted on all 1,000 with intervals.
 *   <li>{@code mstlDecomposition}: MSTL (24, 168) alone.
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/doppel-bench.jar ForecastBenchmark}. R's {@code ets} on one M4 hourly
 * series takes 2.6 to 10.8 s here ({@code ../shared/peers/forecast-r.sh}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class ForecastBenchmark {
  static final int[] PERIODS = {24, 168};
  double[] series;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    series = new double[1000];
    for (int t = 0; t < series.length; t++) {
      series[t] = 500 + 0.1 * t + 120 * Math.sin(2 * Math.PI * t / 24) + ((t / 24) % 7 >= 5 ? -80 : 0)
          + 20 * (r.nextDouble() - 0.5);
    }
  }

  @Benchmark
  public Forecast auto() {
    return Forecaster.forecast(series, PERIODS, 48);
  }

  @Benchmark
  public Mstl.Decomposition mstlDecomposition() {
    return Mstl.decompose(series, PERIODS);
  }
}
