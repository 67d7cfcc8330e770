package io.doppel.predict.forecast;

import java.util.List;

/**
 * MSTL then a non-seasonal ETS (no trend or damped trend, by AICc) on the seasonally adjusted series, each seasonal
 * component continued as its last cycle, as {@code forecast::stlf}/{@code forecast.mstl} do. On a positive series it
 * may work on logarithms (daily and weekly cycles on traffic-like series are multiplicative); the interval bounds are
 * then transformed back, so they stay positive and widen with the level.
 */
final class MstlForecast {
  /** An undamped trend extrapolated 48 steps did worse in validation than a damped or no trend: it is left out. */
  private static final List<EtsSpec.Trend> TRENDS = List.of(EtsSpec.Trend.NONE, EtsSpec.Trend.DAMPED);

  private MstlForecast() {}

  static Forecast forecast(double[] y, int[] periods, int h, boolean log) {
    return forecast(y, periods, h, log, true);
  }

  /** Without {@code intervals} the bounds equal the point forecast (validation needs only the points). */
  static Forecast forecast(double[] y, int[] periods, int h, boolean log, boolean intervals) {
    double[] z = y.clone();
    if (log) {
      for (int i = 0; i < z.length; i++) {
        z[i] = Math.log(z[i]);
      }
    }
    Mstl.Decomposition d = Mstl.decompose(z, periods);
    double[] adjusted = d.seasonallyAdjusted();
    // on logarithms a multiplicative error means nothing more than an additive one: additive models only
    List<EtsSpec> candidates = Ets.candidates(adjusted, 1, false).stream()
        .filter(s -> TRENDS.contains(s.trend()) && !(log && s.multiplicativeError())).toList();
    EtsModel ets = Ets.auto(adjusted, 1, candidates);
    Forecast base;
    if (ets == null) {
      base = Forecast.normal(Baselines.naive(adjusted, h), new double[h], "naive", "");
    } else if (intervals) {
      base = ets.forecast(h, "");
    } else {
      double[] mean = ets.pointForecast(h);
      base = new Forecast(mean, mean, mean, mean, mean, ets.spec().label(), "");
    }
    double[] season = Mstl.seasonalForecast(d, h);
    double[][] parts = {base.mean().clone(), base.lower80().clone(), base.upper80().clone(),
        base.lower95().clone(), base.upper95().clone()};
    for (double[] part : parts) {
      for (int i = 0; i < h; i++) {
        part[i] += season[i];
        if (log) {
          part[i] = Math.exp(part[i]);
        }
      }
    }
    String name = "MSTL" + java.util.Arrays.toString(d.periods()).replace(" ", "") + "+" + base.model()
        + (log ? " on log" : "");
    return new Forecast(parts[0], parts[1], parts[2], parts[3], parts[4], name, "");
  }
}
