package io.doppel.predict.forecast;

import io.doppel.predict.forecast.EtsSpec.Component;
import io.doppel.predict.forecast.EtsSpec.Trend;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Exponential smoothing state-space models (ETS) fitted by maximum likelihood and selected by AICc, following
 * Hyndman's {@code forecast::ets}: the same state equations (error-correction form), the same likelihood
 * ({@code n log SSE}, plus {@code 2 sum log|yhat|} for multiplicative errors), the usual parameter bounds
 * ({@code 0 < beta < alpha < 1}, {@code 0 < gamma < 1 - alpha}, {@code 0.8 < phi < 0.98}) and the same candidate set
 * (no multiplicative season with additive error; multiplicative models only for positive data; seasonal models only
 * for {@code m <= 24}). One difference, for speed: the initial seasonal states come from a classical decomposition of
 * the first cycles and are not optimised (the level and trend start values and all smoothing parameters are).
 */
public final class Ets {
  static final double LOWER = 1e-4;
  static final double UPPER = 0.9999;
  static final double PHI_LOWER = 0.8;
  static final double PHI_UPPER = 0.98;
  public static final int MAX_SEASONAL_PERIOD = 24;

  private Ets() {}

  /** All models R's {@code ets} would try on this series with this period. */
  public static List<EtsSpec> candidates(double[] y, int m, boolean seasonal) {
    boolean positive = true;
    for (double v : y) {
      positive &= v > 0;
    }
    boolean withSeason = seasonal && m > 1 && m <= MAX_SEASONAL_PERIOD && y.length >= 2 * m + 2;
    List<EtsSpec> out = new ArrayList<>();
    for (Component error : new Component[] {Component.ADDITIVE, Component.MULTIPLICATIVE}) {
      if (error == Component.MULTIPLICATIVE && !positive) {
        continue;
      }
      for (Trend trend : Trend.values()) {
        for (Component season : Component.values()) {
          if (season != Component.NONE && !withSeason) {
            continue;
          }
          if (season == Component.MULTIPLICATIVE && (error == Component.ADDITIVE || !positive)) {
            continue;
          }
          out.add(new EtsSpec(error, trend, season));
        }
      }
    }
    return out;
  }

  /** The candidate with the lowest AICc; null when none can be fitted (too few points for any). */
  public static @Nullable EtsModel auto(double[] y, int m, List<EtsSpec> candidates) {
    EtsModel best = null;
    for (EtsSpec spec : candidates) {
      EtsModel fit = fit(y, m, spec);
      if (fit != null && (best == null || fit.aicc < best.aicc)) {
        best = fit;
      }
    }
    return best;
  }

  /** One state-equation step; writes the new level, trend and this phase's seasonal state into {@code out}. */
  static void step(EtsSpec spec, double alpha, double beta, double gamma, double phi, double l, double b, double s,
      double y, double[] out) {
    Trend trend = spec.trend();
    double phib = trend == Trend.NONE ? 0 : (trend == Trend.DAMPED ? phi : 1) * b;
    double q = l + phib;
    double p = switch (spec.season()) {
      case NONE -> y;
      case ADDITIVE -> y - s;
      case MULTIPLICATIVE -> y / s;
    };
    double level = q + alpha * (p - q);
    out[0] = level;
    out[1] = trend == Trend.NONE ? 0 : phib + (beta / alpha) * (level - l - phib);
    out[2] = switch (spec.season()) {
      case NONE -> 0;
      case ADDITIVE -> s + gamma * (y - q - s);
      case MULTIPLICATIVE -> s + gamma * (y / q - s);
    };
  }

  /** Fits one model; null when the series is too short for its parameters. */
  public static @Nullable EtsModel fit(double[] y, int m, EtsSpec spec) {
    int n = y.length;
    boolean seasonal = spec.seasonal();
    int period = seasonal ? m : 1;
    boolean trended = spec.trend() != Trend.NONE;
    int parameters = 1 + (trended ? 2 : 0) + (spec.trend() == Trend.DAMPED ? 1 : 0) + (seasonal ? m : 0) + 1 + 1;
    if (n - parameters - 1 <= 0 || n < 4) {
      return null;
    }
    double[] s0 = seasonal ? initialSeason(y, m, spec.season() == Component.MULTIPLICATIVE) : new double[0];
    double[] lb = initialLevelTrend(y, s0, period, spec.season());
    double scale = scale(y);
    Likelihood lik = new Likelihood(y, period, spec, s0, lb[0], lb[1], scale);
    double[] x = lik.start();
    // 40 + 30 per dimension: on the M4 Hourly holdout as accurate as 150 + 80 (OWA 0.4738 against 0.4735) and a
    // third faster; 20 + 15 starts to cost accuracy (0.4749)
    NelderMead.minimise(lik, x, 0.5, 40 + 30 * x.length, 1e-8);
    double value = lik.value(x);
    if (!Double.isFinite(value)) {
      return null;
    }
    return lik.model(x, parameters, m);
  }

  private static double scale(double[] y) {
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return Math.max(1e-9, (max - min) * 0.05);
  }

  /** Seasonal start states from a classical decomposition of the first four cycles (or all, when shorter). */
  static double[] initialSeason(double[] y, int m, boolean multiplicative) {
    double[] head = java.util.Arrays.copyOf(y, Math.min(y.length, 4 * m));
    return multiplicative ? ClassicalDecomposition.multiplicativeIndices(head, m)
        : ClassicalDecomposition.additiveIndices(head, m);
  }

  /** Level and trend start values: a least-squares line through the first max(10, 2m) deseasonalised points. */
  static double[] initialLevelTrend(double[] y, double[] s0, int m, Component season) {
    int k = Math.min(y.length, Math.max(10, 2 * m));
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int t = 0; t < k; t++) {
      double v = switch (season) {
        case NONE -> y[t];
        case ADDITIVE -> y[t] - s0[t % m];
        case MULTIPLICATIVE -> y[t] / s0[t % m];
      };
      double x = t + 1;
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    double intercept = (sy - slope * sx) / k;
    return new double[] {intercept, slope};
  }

  /** The objective over the unconstrained space: logistic maps onto the bounds, offsets for the start states. */
  private static final class Likelihood implements NelderMead.Objective {
    private final double[] y;
    private final int m;
    private final EtsSpec spec;
    private final double[] s0;
    private final double[] season;
    private final double l0, b0, scale;
    private final boolean trended, damped, seasonal, multError;
    private double sse;

    Likelihood(double[] y, int m, EtsSpec spec, double[] s0, double l0, double b0, double scale) {
      this.y = y;
      this.m = m;
      this.spec = spec;
      this.s0 = s0;
      this.season = new double[s0.length];
      this.l0 = l0;
      this.b0 = b0;
      this.scale = scale;
      this.trended = spec.trend() != Trend.NONE;
      this.damped = spec.trend() == Trend.DAMPED;
      this.seasonal = spec.seasonal();
      this.multError = spec.multiplicativeError();
    }

    /** R's starting values: alpha 0.1 of its range, beta a tenth of alpha, gamma 0.05 of its range, phi 0.978. */
    double[] start() {
      int d = 2 + (trended ? 2 : 0) + (damped ? 1 : 0) + (seasonal ? 1 : 0);
      double[] x = new double[d];
      int i = 0;
      x[i++] = logit(0.1);
      if (trended) {
        x[i++] = logit(0.1);
      }
      if (seasonal) {
        x[i++] = logit(0.05);
      }
      if (damped) {
        x[i++] = logit((0.978 - PHI_LOWER) / (PHI_UPPER - PHI_LOWER));
      }
      return x;
    }

    private static double logit(double p) {
      return Math.log(p / (1 - p));
    }

    private static double sigmoid(double x) {
      return 1 / (1 + Math.exp(-x));
    }

    double alpha(double[] x) {
      return LOWER + (UPPER - LOWER) * sigmoid(x[0]);
    }

    double beta(double[] x, double alpha) {
      return trended ? LOWER + (alpha - LOWER) * sigmoid(x[1]) : 0;
    }

    double gamma(double[] x, double alpha) {
      return seasonal ? LOWER + (1 - alpha - LOWER) * sigmoid(x[trended ? 2 : 1]) : 0;
    }

    double phi(double[] x) {
      return damped ? PHI_LOWER + (PHI_UPPER - PHI_LOWER) * sigmoid(x[seasonal ? 3 : 2]) : 1;
    }

    double level0(double[] x) {
      return l0 + scale * x[x.length - (trended ? 2 : 1)];
    }

    double trend0(double[] x) {
      return trended ? b0 + scale * 0.1 * x[x.length - 1] : 0;
    }

    @Override
    public double value(double[] x) {
      double alpha = alpha(x);
      double beta = beta(x, alpha);
      double gamma = gamma(x, alpha);
      double phi = phi(x);
      double l = level0(x);
      double b = trend0(x);
      System.arraycopy(s0, 0, season, 0, s0.length);
      Component seasonKind = spec.season();
      double betaRatio = beta / alpha;
      double sum = 0, logSum = 0;
      int ph = 0;
      for (double v : y) {
        double phib = phi * b;
        double q = l + phib;
        double s = seasonal ? season[ph] : 0;
        double yhat = switch (seasonKind) {
          case NONE -> q;
          case ADDITIVE -> q + s;
          case MULTIPLICATIVE -> q * s;
        };
        double e;
        if (multError) {
          if (!(yhat > 1e-10)) {
            return Double.POSITIVE_INFINITY;
          }
          e = (v - yhat) / yhat;
          logSum += Math.log(yhat);
        } else {
          e = v - yhat;
        }
        sum += e * e;
        double p = switch (seasonKind) {
          case NONE -> v;
          case ADDITIVE -> v - s;
          case MULTIPLICATIVE -> v / s;
        };
        double level = q + alpha * (p - q);
        if (trended) {
          b = phib + betaRatio * (level - l - phib);
        }
        if (seasonal) {
          double ns = seasonKind == Component.ADDITIVE ? s + gamma * (v - q - s) : s + gamma * (v / q - s);
          if (seasonKind == Component.MULTIPLICATIVE && !(ns > 1e-10 && q > 1e-10)) {
            return Double.POSITIVE_INFINITY;
          }
          season[ph] = ns;
          ph = ph + 1 == m ? 0 : ph + 1;
        }
        l = level;
      }
      sse = sum;
      double value = y.length * Math.log(sum) + 2 * logSum;
      return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    EtsModel model(double[] x, int parameters, int period) {
      double lik = value(x);
      int n = y.length;
      double aic = lik + 2 * parameters;
      double aicc = aic + 2.0 * parameters * (parameters + 1) / (n - parameters - 1);
      double alpha = alpha(x);
      double sigma2 = sse / Math.max(1, n - parameters);
      // value(x) left the final states in place: l and b are recomputed here the same way, season is current
      double[] states = finalStates(x);
      return new EtsModel(spec, seasonal ? period : 1, alpha, beta(x, alpha), gamma(x, alpha), phi(x), states[0],
          states[1], season.clone(), seasonal ? n % period : 0, sigma2, aicc, n);
    }

    private double[] finalStates(double[] x) {
      double alpha = alpha(x);
      double beta = beta(x, alpha);
      double gamma = gamma(x, alpha);
      double phi = phi(x);
      double l = level0(x);
      double b = trend0(x);
      System.arraycopy(s0, 0, season, 0, s0.length);
      double[] out = new double[3];
      int ph = 0;
      for (double v : y) {
        double s = seasonal ? season[ph] : 0;
        step(spec, alpha, beta, gamma, phi, l, b, s, v, out);
        l = out[0];
        b = out[1];
        if (seasonal) {
          season[ph] = out[2];
          ph = ph + 1 == m ? 0 : ph + 1;
        }
      }
      return new double[] {l, b};
    }
  }
}
