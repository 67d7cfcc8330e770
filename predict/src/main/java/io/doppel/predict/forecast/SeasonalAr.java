package io.doppel.predict.forecast;

import java.util.Arrays;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A linear autoregression on one series (on its logarithms when it is positive) with the lags a seasonal AR needs:
 * the last {@code m + 2} values for the shortest period m (at most 50) and the values two either side of one cycle
 * of every period (166..170 for a week of hours). Least squares on the mean-centred series, forecasts made
 * recursively. Intervals are the Gaussian ones of the fitted AR (the variance grows with the squared MA(infinity)
 * weights), transformed back from logarithms.
 *
 * <p>On M4 Hourly's training holdout this alone scored OWA 0.42 where MSTL+ETS on logarithms scored 0.55
 * ({@code docs/prediction.md}): on hourly data the cross terms between the daily and weekly lags, which the
 * additive MSTL components cannot express, carry most of the signal.
 */
final class SeasonalAr {
  /** Rows per coefficient below which the fit is not attempted. */
  static final int ROWS_PER_COEFFICIENT = 3;
  /** A ridge this small only keeps the normal equations solvable on (near-)collinear lags; it does not shrink. */
  private static final double RIDGE = 1e-6;

  private SeasonalAr() {}

  /** The lags for these periods (sorted, at least one). */
  static int[] lags(int[] periods) {
    TreeSet<Integer> lags = new TreeSet<>();
    int shortest = Arrays.stream(periods).min().orElse(1);
    for (int l = 1; l <= Math.min(shortest, 48) + 2; l++) {
      lags.add(l);
    }
    for (int m : periods) {
      for (int l = m - 2; l <= m + 2; l++) {
        lags.add(Math.max(l, 1));
      }
    }
    return lags.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether a series of n points is long enough to fit the AR for these periods. */
  static boolean fits(int n, int[] periods) {
    int[] lags = lags(periods);
    return n - lags[lags.length - 1] >= ROWS_PER_COEFFICIENT * (lags.length + 1);
  }

  /** The forecast, or null when the series is too short or the fitted AR leaves the series' plausible range. */
  static @Nullable Forecast forecast(double[] y, int[] periods, int h, boolean log) {
    int n = y.length;
    if (!fits(n, periods)) {
      return null;
    }
    int[] lags = lags(periods);
    int maxLag = lags[lags.length - 1];
    int p = lags.length + 1;
    double[] z = new double[n + h];
    double mean = 0;
    for (int t = 0; t < n; t++) {
      z[t] = log ? Math.log(y[t]) : y[t];
      mean += z[t];
    }
    mean /= n;
    double variance = 0;
    for (int t = 0; t < n; t++) {
      z[t] -= mean;
      variance += z[t] * z[t] / n;
    }
    double[][] a = new double[p][p];
    double[] b = new double[p];
    double[] x = new double[p];
    for (int t = maxLag; t < n; t++) {
      row(z, t, lags, x);
      for (int i = 0; i < p; i++) {
        b[i] += x[i] * z[t];
        for (int j = 0; j <= i; j++) {
          a[i][j] += x[i] * x[j];
        }
      }
    }
    int rows = n - maxLag;
    for (int i = 0; i < p; i++) {
      for (int j = i + 1; j < p; j++) {
        a[i][j] = a[j][i];
      }
      if (i > 0) {
        a[i][i] += RIDGE * rows * variance;
      }
    }
    double[] coef = solve(a, b);
    if (coef == null) {
      return null;
    }
    double sse = 0;
    for (int t = maxLag; t < n; t++) {
      double e = z[t] - predict(z, t, lags, coef, x);
      sse += e * e;
    }
    double sigma2 = sse / Math.max(1, rows - p);
    double[] centred = new double[h];
    for (int t = n; t < n + h; t++) {
      z[t] = predict(z, t, lags, coef, x);
      centred[t - n] = z[t] + mean;
    }
    Forecast onScale = Forecast.normal(centred, forecastVariance(coef, lags, sigma2, h), "", "");
    Forecast out = log ? exp(onScale) : onScale;
    return plausible(out.mean(), y) ? new Forecast(out.mean(), out.lower80(), out.upper80(), out.lower95(),
        out.upper95(), "AR" + Arrays.toString(periods).replace(" ", "") + (log ? " on log" : ""), "") : null;
  }

  private static void row(double[] z, int t, int[] lags, double[] x) {
    x[0] = 1;
    for (int j = 0; j < lags.length; j++) {
      x[j + 1] = z[t - lags[j]];
    }
  }

  private static double predict(double[] z, int t, int[] lags, double[] coef, double[] x) {
    row(z, t, lags, x);
    double v = 0;
    for (int j = 0; j < coef.length; j++) {
      v += coef[j] * x[j];
    }
    return v;
  }

  /** sigma^2 times the running sum of squared MA(infinity) weights of the fitted AR. */
  private static double[] forecastVariance(double[] coef, int[] lags, double sigma2, int h) {
    double[] psi = new double[h];
    double[] variance = new double[h];
    double sum = 0;
    for (int k = 0; k < h; k++) {
      double w = k == 0 ? 1 : 0;
      for (int j = 0; j < lags.length; j++) {
        if (k - lags[j] >= 0) {
          w += coef[j + 1] * psi[k - lags[j]];
        }
      }
      psi[k] = w;
      sum += w * w;
      variance[k] = sigma2 * sum;
    }
    return variance;
  }

  private static Forecast exp(Forecast f) {
    double[][] parts = {f.mean().clone(), f.lower80().clone(), f.upper80().clone(), f.lower95().clone(),
        f.upper95().clone()};
    for (double[] part : parts) {
      for (int i = 0; i < part.length; i++) {
        part[i] = Math.exp(part[i]);
      }
    }
    return new Forecast(parts[0], parts[1], parts[2], parts[3], parts[4], f.model(), f.reason());
  }

  /** A recursive AR with a root outside the unit circle runs away: such forecasts are refused, not clipped. */
  private static boolean plausible(double[] f, double[] y) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double range = max - min;
    for (double v : f) {
      if (!Double.isFinite(v) || v < min - range || v > max + range) {
        return false;
      }
    }
    return true;
  }

  /** Gaussian elimination with partial pivoting; null when the system is singular. */
  private static double @Nullable [] solve(double[][] a, double[] b) {
    int p = b.length;
    double[][] m = new double[p][];
    for (int i = 0; i < p; i++) {
      m[i] = a[i].clone();
    }
    double[] v = b.clone();
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int r = c + 1; r < p; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] rowSwap = m[c];
      m[c] = m[pivot];
      m[pivot] = rowSwap;
      double valueSwap = v[c];
      v[c] = v[pivot];
      v[pivot] = valueSwap;
      if (Math.abs(m[c][c]) < 1e-300) {
        return null;
      }
      for (int r = c + 1; r < p; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k < p; k++) {
          m[r][k] -= f * m[c][k];
        }
        v[r] -= f * v[c];
      }
    }
    double[] out = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = v[i];
      for (int k = i + 1; k < p; k++) {
        s -= m[i][k] * out[k];
      }
      out[i] = s / m[i][i];
    }
    return out;
  }
}
