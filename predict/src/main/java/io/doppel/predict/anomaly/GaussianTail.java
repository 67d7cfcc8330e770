package io.doppel.predict.anomaly;

/** log of the upper Gaussian tail Q(z) = P(Z > z), fast and accurate enough far into the tail (no erfc in the JDK). */
final class GaussianTail {

  private static final double LOG_SQRT_2PI = 0.9189385332046727;

  private GaussianTail() {}

  /** Abramowitz and Stegun 26.2.17: Q(z) = phi(z) * poly(t), relative error below 1e-6 for z >= 0. */
  static double logQ(double z) {
    if (z < 0) {
      return Math.log1p(-Math.exp(logQ(-z)));
    }
    double t = 1 / (1 + 0.2316419 * z);
    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    return -0.5 * z * z - LOG_SQRT_2PI + Math.log(poly);
  }
}
