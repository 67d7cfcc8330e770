package io.doppel.predict.forecast;

/**
 * The standard Theta method (Assimakopoulos and Nikolopoulos 2000, in Hyndman and Billah's form): simple exponential
 * smoothing plus half the slope of the linear trend as drift, on a series the caller has already deseasonalised.
 */
public final class Theta {
  private Theta() {}

  public static double[] forecast(double[] y, int h) {
    int n = y.length;
    EtsModel ses = Ets.fit(y, 1, new EtsSpec(EtsSpec.Component.ADDITIVE, EtsSpec.Trend.NONE, EtsSpec.Component.NONE));
    double[] f = ses == null ? Baselines.naive(y, h) : ses.pointForecast(h);
    double alpha = ses == null ? 1 : ses.alpha;
    double slope = slope(y);
    double decay = Math.pow(1 - alpha, n);
    for (int i = 0; i < h; i++) {
      f[i] += 0.5 * slope * (i + (1 - decay) / alpha);
    }
    return f;
  }

  /** Least-squares slope of y on time. */
  static double slope(double[] y) {
    int n = y.length;
    double mt = (n - 1) / 2.0, my = 0;
    for (double v : y) {
      my += v;
    }
    my /= n;
    double sxy = 0, sxx = 0;
    for (int t = 0; t < n; t++) {
      sxy += (t - mt) * (y[t] - my);
      sxx += (t - mt) * (t - mt);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
