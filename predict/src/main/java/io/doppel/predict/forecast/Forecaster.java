package io.doppel.predict.forecast;

import java.util.List;
import java.util.Locale;

/**
 * Automatic forecasting of a regular series: the model is chosen per series by validation on its own last
 * {@code h} points (fit on the rest, score sMAPE/100 + MASE, keep the best, refit on everything), among the
 * methods that did best on held-out M4 Hourly data (see {@code docs/prediction.md} and {@link CandidatePool}):
 * for a seasonal series a seasonal AR and its mean with MSTL + ETS (combinations were M4's lesson), or, when the
 * series is too short for the AR, MSTL + ETS, the seasonal naives and their median. Each series is forecast from
 * its own values alone. Series too short to validate get the combination; constant, too short or empty series get
 * a naive forecast with the reason; the answer never contains a NaN.
 */
public final class Forecaster {
  /** Below this, no model has enough data: the last value is the forecast. */
  static final int MIN_POINTS = 4;
  /** Validation windows; two (the last h points, and the h before) did no better on the M4 holdout: 0.416 vs 0.415. */
  static final int WINDOWS = 1;

  private Forecaster() {}

  public static Forecast forecast(double[] raw, int[] candidatePeriods, int h) {
    if (h < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + h);
    }
    SeriesCleaning.Cleaned cleaned = SeriesCleaning.clean(raw);
    double[] y = cleaned.values();
    String filled = cleaned.filled() > 0 ? "; " + cleaned.filled() + " missing values interpolated" : "";
    if (y.length == 0) {
      return flat(0, h, "naive", "no finite values: forecasting 0");
    }
    if (SeriesCleaning.constant(y)) {
      return flat(y[y.length - 1], h, "naive", "constant series" + filled);
    }
    if (y.length < MIN_POINTS) {
      return flat(y[y.length - 1], h, "naive", "too short (" + y.length + " points, needs " + MIN_POINTS + ")"
          + filled);
    }
    int[] periods = Seasonality.supportedPeriods(y, candidatePeriods);
    int validation = h;
    CandidatePool pool = new CandidatePool(periods, SeriesCleaning.positive(y), y.length - validation);
    int longest = periods.length == 0 ? 1 : periods[periods.length - 1];
    String reason;
    int chosen = pool.combination();
    if (y.length - validation >= 3 * longest + 2 && y.length - validation >= 2 * MIN_POINTS) {
      int scaleLag = periods.length == 0 ? 1 : periods[0];
      // a second, earlier window halves the noise of the choice when the series is long enough for both
      int windows = y.length - 2 * validation >= 3 * longest + 2 ? WINDOWS : 1;
      double[] scores = new double[pool.size()];
      for (int w = 1; w <= windows; w++) {
        int end = y.length - (w - 1) * validation;
        double[] in = java.util.Arrays.copyOf(y, end - validation);
        double[] out = java.util.Arrays.copyOfRange(y, end - validation, end);
        CandidatePool.Run run = pool.on(in, validation, false);
        for (int c = 0; c < pool.size(); c++) {
          scores[c] += score(in, out, run.forecast(c).mean(), scaleLag) / windows;
        }
      }
      StringBuilder text = new StringBuilder();
      double bestScore = Double.POSITIVE_INFINITY;
      for (int c = 0; c < pool.size(); c++) {
        text.append(text.isEmpty() ? "" : ", ").append(pool.name(c))
            .append(String.format(Locale.ROOT, " %.3f", scores[c]));
        if (scores[c] < bestScore) {
          bestScore = scores[c];
          chosen = c;
        }
      }
      reason = "chosen by the lowest error (sMAPE/100 + MASE) forecasting the last " + validation
          + " points from the rest" + (windows > 1 ? " (mean of " + windows + " windows)" : "") + ": " + text;
    } else {
      reason = "too short to validate on " + validation + " points: the combination";
    }
    String seasonText = periods.length == 0 ? "no seasonal period found among "
        + java.util.Arrays.toString(candidatePeriods) : "periods " + java.util.Arrays.toString(periods);
    Forecast f = pool.on(y, h, true).forecast(chosen);
    return safe(f, y, f.model(), seasonText + "; " + reason + filled);
  }

  static double score(double[] in, double[] out, double[] f, int lag) {
    double smape = 0;
    for (int i = 0; i < out.length; i++) {
      double denom = Math.abs(out[i]) + Math.abs(f[i]);
      smape += denom == 0 ? 0 : 200 * Math.abs(out[i] - f[i]) / denom;
    }
    smape /= out.length;
    double mase = in.length > lag ? mase(in, out, f, lag) : Double.NaN;
    double score = smape / 100 + (Double.isFinite(mase) ? mase : 0);
    return Double.isNaN(score) ? Double.POSITIVE_INFINITY : score;
  }

  /** M4's MASE (the m4 package scores with its own copy: this package does not depend on it). */
  private static double mase(double[] in, double[] out, double[] f, int lag) {
    double scale = 0;
    for (int t = lag; t < in.length; t++) {
      scale += Math.abs(in[t] - in[t - lag]);
    }
    scale /= in.length - lag;
    double mae = 0;
    for (int i = 0; i < out.length; i++) {
      mae += Math.abs(out[i] - f[i]);
    }
    return mae / out.length / scale;
  }

  static Forecast ets(double[] y, int h) {
    EtsModel fit = Ets.auto(y, 1, Ets.candidates(y, 1, false));
    return fit == null ? naive(y, h) : fit.forecast(h, "");
  }

  static Forecast theta(double[] y, int h) {
    double[] mean = Theta.forecast(y, h);
    return residualIntervals(y, 1, mean, "Theta");
  }

  static Forecast naive(double[] y, int h) {
    return residualIntervals(y, 1, Baselines.naive(y, h), "naive");
  }

  static Forecast seasonalNaive(double[] y, int m, int h) {
    return residualIntervals(y, m, Baselines.seasonalNaive(y, m, h), "sNaive(" + m + ")");
  }

  /** Intervals of a (seasonal) random walk: variance grows with the number of whole cycles ahead. */
  private static Forecast residualIntervals(double[] y, int m, double[] mean, String model) {
    double sum = 0;
    int count = 0;
    for (int t = m; t < y.length; t++) {
      double e = y[t] - y[t - m];
      sum += e * e;
      count++;
    }
    double sigma2 = count == 0 ? 0 : sum / count;
    double[] variance = new double[mean.length];
    for (int i = 0; i < mean.length; i++) {
      variance[i] = sigma2 * (i / m + 1);
    }
    return Forecast.normal(mean, variance, model, "");
  }

  /** Pointwise median of the members' forecasts; intervals are the first member's, moved onto the median. */
  static Forecast median(List<Forecast> members, String name) {
    int h = members.get(0).horizon();
    double[] mean = new double[h];
    double[] v = new double[members.size()];
    for (int i = 0; i < h; i++) {
      for (int k = 0; k < v.length; k++) {
        v[k] = members.get(k).mean()[i];
      }
      java.util.Arrays.sort(v);
      int mid = v.length / 2;
      mean[i] = v.length % 2 == 1 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
    }
    return members.get(0).recentred(mean, name, "");
  }

  static Forecast flat(double value, int h, String model, String reason) {
    double[] v = new double[h];
    java.util.Arrays.fill(v, value);
    return new Forecast(v, v.clone(), v.clone(), v.clone(), v.clone(), model, reason);
  }

  /** A model that produced a non-finite value anywhere falls back to naive, saying so. */
  private static Forecast safe(Forecast f, double[] y, String model, String reason) {
    for (double[] part : new double[][] {f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95()}) {
      for (double v : part) {
        if (!Double.isFinite(v)) {
          Forecast n = naive(y, f.horizon());
          return new Forecast(n.mean(), n.lower80(), n.upper80(), n.lower95(), n.upper95(), "naive",
              model + " gave a non-finite value; naive instead (" + reason + ")");
        }
      }
    }
    return new Forecast(f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95(), model, reason);
  }
}
