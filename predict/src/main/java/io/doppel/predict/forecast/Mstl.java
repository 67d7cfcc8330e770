package io.doppel.predict.forecast;

import java.util.Arrays;

/**
 * Multiple seasonal decomposition (MSTL, Bandara, Hyndman and Bergmeir 2021, as {@code forecast::mstl}): STL for
 * each period in turn, shortest first, twice round, each pass removing the other periods' current seasonal
 * components; seasonal windows 11, 15, 19... Periods without two full cycles in the data are left out.
 */
public final class Mstl {
  /** The periods kept, one seasonal component each, then trend and remainder. */
  public record Decomposition(int[] periods, double[][] seasonals, double[] trend, double[] remainder) {
    /** The series minus all its seasonal components. */
    public double[] seasonallyAdjusted() {
      int n = trend.length;
      double[] out = new double[n];
      for (int t = 0; t < n; t++) {
        out[t] = trend[t] + remainder[t];
      }
      return out;
    }
  }

  private static final int ITERATIONS = 2;

  private Mstl() {}

  public static Decomposition decompose(double[] y, int[] periods) {
    return decompose(y, periods, 0);
  }

  /** With {@code windowBase > 0}, the i-th period's seasonal window is windowBase + 4 i instead of 7 + 4 i. */
  public static Decomposition decompose(double[] y, int[] periods, int windowBase) {
    int base = windowBase > 0 ? windowBase : 7;
    int n = y.length;
    int[] kept = Arrays.stream(periods).filter(p -> p > 1 && 2 * p < n).sorted().distinct().toArray();
    double[][] seasonals = new double[kept.length][n];
    double[] deseasonalised = y.clone();
    double[] trend = new double[n];
    if (kept.length == 0) {
      return new Decomposition(kept, seasonals, lowess(y), minus(y, lowess(y)));
    }
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      for (int i = 0; i < kept.length; i++) {
        for (int t = 0; t < n; t++) {
          deseasonalised[t] += seasonals[i][t];
        }
        Stl.Decomposition fit = Stl.decompose(deseasonalised, kept[i], base + 4 * (i + 1));
        seasonals[i] = fit.seasonal();
        trend = fit.trend();
        for (int t = 0; t < n; t++) {
          deseasonalised[t] -= seasonals[i][t];
        }
      }
    }
    return new Decomposition(kept, seasonals, trend, minus(deseasonalised, trend));
  }

  private static double[] minus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  /** Without a season, the trend is a plain LOESS smooth (STL's trend filter with period 1). */
  private static double[] lowess(double[] y) {
    if (y.length < 4) {
      return y.clone();
    }
    return Stl.decompose(y, 1, 7, Stl.nextOdd(Math.min(y.length, 7)), 3, 1, 0).trend();
  }

  /** Each seasonal component's last cycle repeated over the horizon, summed. */
  public static double[] seasonalForecast(Decomposition d, int h) {
    double[] out = new double[h];
    int n = d.trend().length;
    for (int i = 0; i < d.periods().length; i++) {
      int m = d.periods()[i];
      double[] s = d.seasonals()[i];
      for (int k = 0; k < h; k++) {
        out[k] += s[n - m + (k % m)];
      }
    }
    return out;
  }
}
