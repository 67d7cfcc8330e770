package io.doppel.predict.forecast;

import java.util.SplittableRandom;

/** Hourly-like test series with daily and weekly cycles and noise, reproducible by seed. */
final class Synthetic {
  private Synthetic() {}

  static double[] hourly(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double daily = 30 * Math.sin(2 * Math.PI * t / 24);
      double weekly = (t / 24) % 7 >= 5 ? -25 : 0;
      y[t] = 200 + 0.02 * t + daily + weekly + 3 * (r.nextDouble() - 0.5);
    }
    return y;
  }
}
