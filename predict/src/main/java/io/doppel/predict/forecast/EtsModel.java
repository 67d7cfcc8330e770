package io.doppel.predict.forecast;

import java.util.SplittableRandom;

/**
 * A fitted ETS model: its smoothing parameters and its states after the last observation. States keep moving with
 * {@link #update} as points arrive (the parameters stay), so a live series pays O(1) per point between refits.
 * Seasonal states sit in a ring indexed by phase ({@code t mod m}).
 */
public final class EtsModel {
  final EtsSpec spec;
  final int m;
  final double alpha, beta, gamma, phi;
  double level, trend;
  final double[] season;
  /** The phase of the next observation. */
  int phase;
  final double sigma2;
  final double aicc;
  final int n;

  EtsModel(EtsSpec spec, int m, double alpha, double beta, double gamma, double phi, double level, double trend,
      double[] season, int phase, double sigma2, double aicc, int n) {
    this.spec = spec;
    this.m = m;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.phi = phi;
    this.level = level;
    this.trend = trend;
    this.season = season;
    this.phase = phase;
    this.sigma2 = sigma2;
    this.aicc = aicc;
    this.n = n;
  }

  public EtsSpec spec() {
    return spec;
  }

  public double aicc() {
    return aicc;
  }

  /** One step of the state equations with the fitted parameters. */
  public void update(double y) {
    if (!Double.isFinite(y)) {
      return;
    }
    double s = spec.seasonal() ? season[phase] : 0;
    double[] next = new double[3];
    Ets.step(spec, alpha, beta, gamma, phi, level, trend, s, y, next);
    level = next[0];
    trend = next[1];
    if (spec.seasonal()) {
      season[phase] = next[2];
      phase = (phase + 1) % m;
    }
  }

  public double[] pointForecast(int h) {
    double[] f = new double[h];
    double damp = 0;
    double phiPower = 1;
    for (int i = 0; i < h; i++) {
      phiPower *= phi;
      damp += phiPower;
      double base = switch (spec.trend()) {
        case NONE -> level;
        case ADDITIVE -> level + (i + 1) * trend;
        case DAMPED -> level + damp * trend;
      };
      f[i] = switch (spec.season()) {
        case NONE -> base;
        case ADDITIVE -> base + season[(phase + i) % m];
        case MULTIPLICATIVE -> base * season[(phase + i) % m];
      };
    }
    return f;
  }

  /**
   * Point forecast with 80% and 95% intervals: analytic for the linear (additive) models, by simulating 1,000 sample
   * paths from the fitted model for the others (Hyndman et al. 2008, ch. 6), with a fixed seed so that the same
   * data give the same answer.
   */
  public Forecast forecast(int h, String reason) {
    double[] mean = pointForecast(h);
    if (!spec.multiplicativeError() && spec.season() != EtsSpec.Component.MULTIPLICATIVE) {
      double[] variance = new double[h];
      double sum = 0;
      for (int j = 0; j < h; j++) {
        variance[j] = sigma2 * (1 + sum);
        double c = alpha + switch (spec.trend()) {
          case NONE -> 0;
          case ADDITIVE -> beta * (j + 1);
          case DAMPED -> beta * phi * (1 - Math.pow(phi, j + 1)) / (1 - phi);
        } + (spec.seasonal() && (j + 1) % m == 0 ? gamma : 0);
        sum += c * c;
      }
      return Forecast.normal(mean, variance, spec.label(), reason);
    }
    return simulated(mean, h, reason);
  }

  private Forecast simulated(double[] mean, int h, String reason) {
    int paths = 1000;
    double[][] byStep = new double[h][paths];
    SplittableRandom random = new SplittableRandom(42);
    double sigma = Math.sqrt(sigma2);
    double[] s = spec.seasonal() ? new double[m] : new double[0];
    double[] next = new double[3];
    for (int p = 0; p < paths; p++) {
      double l = level, b = trend;
      System.arraycopy(season, 0, s, 0, s.length);
      for (int i = 0; i < h; i++) {
        int ph = (phase + i) % Math.max(1, m);
        double sv = spec.seasonal() ? s[ph] : 0;
        double q = spec.trend() == EtsSpec.Trend.NONE ? l : l + phi * b;
        double yhat = switch (spec.season()) {
          case NONE -> q;
          case ADDITIVE -> q + sv;
          case MULTIPLICATIVE -> q * sv;
        };
        double e = sigma * gaussian(random);
        double y = spec.multiplicativeError() ? yhat * (1 + e) : yhat + e;
        byStep[i][p] = y;
        Ets.step(spec, alpha, beta, gamma, phi, l, b, sv, y, next);
        l = next[0];
        b = next[1];
        if (spec.seasonal()) {
          s[ph] = next[2];
        }
      }
    }
    double[] l80 = new double[h], u80 = new double[h], l95 = new double[h], u95 = new double[h];
    for (int i = 0; i < h; i++) {
      double[] v = byStep[i];
      java.util.Arrays.sort(v);
      l95[i] = quantile(v, 0.025);
      l80[i] = quantile(v, 0.10);
      u80[i] = quantile(v, 0.90);
      u95[i] = quantile(v, 0.975);
    }
    return new Forecast(mean, l80, u80, l95, u95, spec.label(), reason);
  }

  static double quantile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian on every JDK level this targets
    double u1 = r.nextDouble(), u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1 + 1e-300)) * Math.cos(2 * Math.PI * u2);
  }
}
