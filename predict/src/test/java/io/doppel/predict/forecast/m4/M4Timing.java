package io.doppel.predict.forecast.m4;

import io.doppel.predict.forecast.Forecaster;
import io.doppel.predict.forecast.NamedSeries;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Time per M4 Hourly series (fit + forecast, h = 48) on one thread, the second of two passes (the first warms the
 * JIT): this thread's CPU time (what the 20 ms budget is about; a shared machine inflates wall time, not CPU time)
 * and wall time. Then Doppel's scores on the first 100 series beside R's {@code ets} figure on the same 100.
 */
public final class M4Timing {
  public static void main(String[] args) {
    List<NamedSeries> train = M4Data.read("Hourly-train.csv");
    List<NamedSeries> test = M4Data.read("Hourly-test.csv");
    int[] periods = {24, 168};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass < 2; pass++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (NamedSeries s : train) {
        Forecaster.forecast(s.values(), periods, 48);
      }
      System.out.printf("pass %d: %.2f ms CPU, %.2f ms wall per series%n", pass + 1,
          (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / train.size(),
          (System.nanoTime() - t0) / 1e6 / train.size());
    }
    M4Score first100 = M4Evaluation.test(train.subList(0, 100), test.subList(0, 100), 24, 48)
        .score((y, h) -> Forecaster.forecast(y, periods, h).mean());
    System.out.println("first 100: " + first100);
  }
}
