package io.doppel.sim.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * A mean over independent replications with its confidence interval: {@code mean ± t(1 - (1 - level) / 2, n - 1) *
 * s / sqrt(n)}, Student's t over the replications' own means. With fewer than two finite values the half-width is
 * NaN (no interval can be given); replications whose value is NaN (e.g. nothing completed) are left out of n.
 */
public record Estimate(double mean, double halfWidth, int n, double level) {
  public double low() {
    return mean - halfWidth;
  }

  public double high() {
    return mean + halfWidth;
  }

  public boolean contains(double value) {
    return value >= low() && value <= high();
  }

  public static Estimate of(double[] values, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
    }
    int n = 0;
    double sum = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    if (n == 0) {
      return new Estimate(Double.NaN, Double.NaN, 0, level);
    }
    double mean = sum / n;
    if (n == 1) {
      return new Estimate(mean, Double.NaN, 1, level);
    }
    double squares = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(squares / (n - 1));
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
    return new Estimate(mean, t * sd / Math.sqrt(n), n, level);
  }
}
