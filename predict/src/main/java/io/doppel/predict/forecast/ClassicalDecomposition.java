package io.doppel.predict.forecast;

/**
 * Multiplicative classical decomposition as R's {@code decompose(type = "multiplicative")}: a centred moving average
 * of order m as trend, the mean ratio per phase as seasonal figure, normalised to average 1. Phase of index t is
 * {@code t mod m}.
 */
final class ClassicalDecomposition {
  private ClassicalDecomposition() {}

  /** The seasonal figure, {@code m} indices; all ones when the series is too short or not positive. */
  static double[] multiplicativeIndices(double[] y, int m) {
    int n = y.length;
    double[] figure = new double[m];
    double[] sums = new double[m];
    int[] counts = new int[m];
    for (int t = m / 2; t < n - m / 2; t++) {
      double trend = centredMovingAverage(y, t, m);
      double ratio = y[t] / trend;
      if (Double.isFinite(ratio)) {
        sums[t % m] += ratio;
        counts[t % m]++;
      }
    }
    double mean = 0;
    for (int j = 0; j < m; j++) {
      if (counts[j] == 0) {
        java.util.Arrays.fill(figure, 1);
        return figure;
      }
      figure[j] = sums[j] / counts[j];
      mean += figure[j];
    }
    mean /= m;
    for (int j = 0; j < m; j++) {
      figure[j] /= mean;
    }
    return figure;
  }

  /** The additive seasonal figure (mean difference from the centred moving average per phase, centred on 0). */
  static double[] additiveIndices(double[] y, int m) {
    int n = y.length;
    double[] sums = new double[m];
    int[] counts = new int[m];
    for (int t = m / 2; t < n - m / 2; t++) {
      double trend = centredMovingAverage(y, t, m);
      sums[t % m] += y[t] - trend;
      counts[t % m]++;
    }
    double[] figure = new double[m];
    double mean = 0;
    for (int j = 0; j < m; j++) {
      if (counts[j] == 0) {
        return new double[m];
      }
      figure[j] = sums[j] / counts[j];
      mean += figure[j];
    }
    mean /= m;
    for (int j = 0; j < m; j++) {
      figure[j] -= mean;
    }
    return figure;
  }

  /** The centred moving average of order m at t: for even m a 2 x m average (half weights at both ends). */
  private static double centredMovingAverage(double[] y, int t, int m) {
    int half = m / 2;
    double sum = 0;
    if (m % 2 == 0) {
      sum = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (int j = -half + 1; j < half; j++) {
        sum += y[t + j];
      }
    } else {
      for (int j = -half; j <= half; j++) {
        sum += y[t + j];
      }
    }
    return sum / m;
  }
}
