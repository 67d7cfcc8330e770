package io.doppel.predict.forecast.m4;

/** The M4 competition's accuracy measures, as its evaluation code defines them. */
public final class M4Metrics {
  private M4Metrics() {}

  /** Symmetric MAPE in percent: mean of 200 |y - f| / (|y| + |f|). */
  public static double smape(double[] actual, double[] forecast) {
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += 200 * Math.abs(actual[i] - forecast[i]) / (Math.abs(actual[i]) + Math.abs(forecast[i]));
    }
    return s / actual.length;
  }

  /** MASE: mean absolute error scaled by the in-sample mean absolute seasonal difference at lag m. */
  public static double mase(double[] insample, double[] actual, double[] forecast, int m) {
    double scale = 0;
    for (int t = m; t < insample.length; t++) {
      scale += Math.abs(insample[t] - insample[t - m]);
    }
    scale /= insample.length - m;
    double mae = 0;
    for (int i = 0; i < actual.length; i++) {
      mae += Math.abs(actual[i] - forecast[i]);
    }
    return mae / actual.length / scale;
  }

  /** Overall weighted average relative to Naive2, from the mean sMAPE and MASE of both over the same series. */
  public static double owa(double smape, double mase, double smapeNaive2, double maseNaive2) {
    return 0.5 * (smape / smapeNaive2 + mase / maseNaive2);
  }
}
