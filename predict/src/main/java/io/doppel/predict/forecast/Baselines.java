package io.doppel.predict.forecast;

/** The benchmark forecasts: naive, seasonal naive and M4's Naive2 (naive on the multiplicatively deseasonalised series). */
public final class Baselines {
  private Baselines() {}

  public static double[] naive(double[] y, int h) {
    double[] f = new double[h];
    java.util.Arrays.fill(f, y[y.length - 1]);
    return f;
  }

  /** The last full cycle repeated; naive when the series is shorter than one cycle. */
  public static double[] seasonalNaive(double[] y, int m, int h) {
    int n = y.length;
    if (m <= 1 || n < m) {
      return naive(y, h);
    }
    double[] f = new double[h];
    for (int i = 0; i < h; i++) {
      f[i] = y[n - m + (i % m)];
    }
    return f;
  }

  /** M4's Naive2: when the seasonality test passes, the last deseasonalised value times the seasonal figure. */
  public static double[] naive2(double[] y, int m, int h) {
    int n = y.length;
    if (!Seasonality.isSeasonal(y, m)) {
      return naive(y, h);
    }
    double[] figure = ClassicalDecomposition.multiplicativeIndices(y, m);
    double last = y[n - 1] / figure[(n - 1) % m];
    double[] f = new double[h];
    for (int i = 0; i < h; i++) {
      f[i] = last * figure[(n + i) % m];
    }
    return f;
  }
}
