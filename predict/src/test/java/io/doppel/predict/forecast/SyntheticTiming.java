package io.doppel.predict.forecast;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per automatic forecast (h = 48, periods 24 and 168) of 200 synthetic hourly series of 1,000 points on one
 * thread, the second of two passes (the first warms the JIT). CPU time, not wall time: on a shared machine the
 * latter measures the other processes.
 */
public final class SyntheticTiming {
  static final int SERIES = 200;

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int pass = 1; pass <= 2; pass++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      String model = "";
      for (int seed = 1; seed <= SERIES; seed++) {
        model = Forecaster.forecast(Synthetic.hourly(1000, seed), new int[] {24, 168}, 48).model();
      }
      System.out.printf("pass %d: %.2f ms CPU, %.2f ms wall per series (last model: %s)%n", pass,
          (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / SERIES, (System.nanoTime() - t0) / 1e6 / SERIES, model);
    }
  }
}
