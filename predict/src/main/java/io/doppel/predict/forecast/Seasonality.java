package io.doppel.predict.forecast;

/**
 * Seasonality tests on a regular series: the autocorrelation function and M4's test (the lag-m autocorrelation
 * exceeds its 90% limit under Bartlett's formula), used both by Naive2 and to decide which periods a model uses.
 */
public final class Seasonality {
  private Seasonality() {}

  /** Autocorrelations at lags 1..maxLag ({@code acf[k-1]} is lag k), as R's {@code acf}: mean-centred, biased. */
  public static double[] acf(double[] y, int maxLag) {
    int n = y.length;
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double denom = 0;
    for (double v : y) {
      denom += (v - mean) * (v - mean);
    }
    double[] acf = new double[maxLag];
    if (denom == 0) {
      return acf;
    }
    for (int k = 1; k <= maxLag && k < n; k++) {
      double s = 0;
      for (int t = 0; t + k < n; t++) {
        s += (y[t] - mean) * (y[t + k] - mean);
      }
      acf[k - 1] = s / denom;
    }
    return acf;
  }

  /** M4's seasonality test: needs three full cycles, then |acf(m)| > 1.645 sqrt((1 + 2 sum acf(k<m)^2) / n). */
  public static boolean isSeasonal(double[] y, int m) {
    int n = y.length;
    if (m <= 1 || n < 3 * m) {
      return false;
    }
    double[] acf = acf(y, m);
    double sum = 1;
    for (int k = 0; k < m - 1; k++) {
      sum += 2 * acf[k] * acf[k];
    }
    double limit = 1.645 / Math.sqrt(n) * Math.sqrt(sum);
    return Math.abs(acf[m - 1]) > limit;
  }

  /**
   * The candidate periods the series supports: at least two full cycles and a significant lag-m autocorrelation
   * (the same limit as M4's test, but with two cycles instead of three so that a weekly cycle counts on a month).
   */
  public static int[] supportedPeriods(double[] y, int[] candidates) {
    int[] out = new int[candidates.length];
    int k = 0;
    for (int m : candidates) {
      if (m > 1 && y.length >= 2 * m + 1 && significant(y, m)) {
        out[k++] = m;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  private static boolean significant(double[] y, int m) {
    double[] acf = acf(y, m);
    double sum = 1;
    for (int k = 0; k < m - 1; k++) {
      sum += 2 * acf[k] * acf[k];
    }
    return acf[m - 1] > 1.645 / Math.sqrt(y.length) * Math.sqrt(sum);
  }

  /**
   * A period found without candidates: the lag (2..n/3) with the highest autocorrelation that is a local peak and
   * significant; 1 when there is none.
   */
  public static int detectPeriod(double[] y) {
    int maxLag = y.length / 3;
    if (maxLag < 3) {
      return 1;
    }
    double[] acf = acf(y, maxLag + 1);
    int best = 1;
    double bestValue = 0;
    for (int lag = 2; lag <= maxLag; lag++) {
      double v = acf[lag - 1];
      if (v > acf[lag - 2] && v >= acf[lag] && v > bestValue && significant(y, lag)) {
        best = lag;
        bestValue = v;
      }
    }
    return best;
  }
}
