package io.doppel.predict.forecast;

/**
 * Puts an irregular or gappy series onto a regular grid, as the models need: the mean of the points in each step,
 * steps without points linearly interpolated between their neighbours (never extrapolated: an end without a
 * finite value stays NaN, which {@link Forecaster} then drops).
 */
public final class Resampler {
  /** A regular series: value {@code i} is the step starting at {@code start + i * step} (epoch milliseconds). */
  public record Regular(long start, long step, double[] values) {
    public long timeOf(int index) {
      return start + index * step;
    }
  }

  private Resampler() {}

  /** The median spacing of consecutive distinct timestamps (sorted input); 1 when there are fewer than two. */
  public static long medianStep(long[] times) {
    long[] gaps = new long[Math.max(0, times.length - 1)];
    int k = 0;
    for (int i = 1; i < times.length; i++) {
      if (times[i] > times[i - 1]) {
        gaps[k++] = times[i] - times[i - 1];
      }
    }
    if (k == 0) {
      return 1;
    }
    java.util.Arrays.sort(gaps, 0, k);
    return gaps[k / 2];
  }

  /** Times in ascending order; non-finite values are ignored. */
  public static Regular toGrid(long[] times, double[] values, long step) {
    if (step <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    if (times.length == 0) {
      return new Regular(0, step, new double[0]);
    }
    long start = Math.floorDiv(times[0], step) * step;
    long span = (times[times.length - 1] - start) / step + 1;
    if (span > 10_000_000) {
      throw new IllegalArgumentException("the series spans " + span + " steps of " + step
          + " ms: choose a longer interval");
    }
    int n = (int) span;
    double[] sums = new double[n];
    int[] counts = new int[n];
    for (int i = 0; i < times.length; i++) {
      if (Double.isFinite(values[i])) {
        int slot = (int) ((times[i] - start) / step);
        sums[slot] += values[i];
        counts[slot]++;
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
    }
    return new Regular(start, step, interpolate(out));
  }

  private static double[] interpolate(double[] y) {
    int prev = -1;
    for (int i = 0; i < y.length; i++) {
      if (Double.isFinite(y[i])) {
        for (int j = prev + 1; j < i && prev >= 0; j++) {
          y[j] = y[prev] + (y[i] - y[prev]) * (j - prev) / (i - prev);
        }
        prev = i;
      }
    }
    return y;
  }
}
