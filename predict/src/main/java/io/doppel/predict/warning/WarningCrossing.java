package io.doppel.predict.warning;

import io.doppel.predict.forecast.Forecast;
import org.hipparchus.special.Erf;
import org.jspecify.annotations.Nullable;

/**
 * When a forecast crosses a threshold in a given direction: the first step the point forecast reaches it, and its
 * {@code level} interval, from the first step the near bound reaches it (earliest) to the first step the far bound
 * does (latest). Steps are 1-based; null means not within the horizon. Levels other than the forecast's own 80% and
 * 95% scale the 80% bounds' distance from the point forecast by the ratio of normal quantiles, side by side (so an
 * asymmetric interval stays asymmetric).
 */
public record WarningCrossing(@Nullable Integer step, @Nullable Integer earliest, @Nullable Integer latest) {
  private static final double Z80 = 1.2815515655446004;

  public static WarningCrossing find(Forecast f, double threshold, boolean above, double level) {
    double[] upper = bound(f, true, level);
    double[] lower = bound(f, false, level);
    double[] near = above ? upper : lower;
    double[] far = above ? lower : upper;
    return new WarningCrossing(first(f.mean(), threshold, above), first(near, threshold, above),
        first(far, threshold, above));
  }

  static double[] bound(Forecast f, boolean upper, double level) {
    if (level == 0.8) {
      return upper ? f.upper80() : f.lower80();
    }
    if (level == 0.95) {
      return upper ? f.upper95() : f.lower95();
    }
    double scale = Math.sqrt(2) * Erf.erfInv(level) / Z80;
    double[] b80 = upper ? f.upper80() : f.lower80();
    double[] out = new double[b80.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.mean()[i] + (b80[i] - f.mean()[i]) * scale;
    }
    return out;
  }

  private static @Nullable Integer first(double[] values, double threshold, boolean above) {
    for (int i = 0; i < values.length; i++) {
      if (above ? values[i] >= threshold : values[i] <= threshold) {
        return i + 1;
      }
    }
    return null;
  }
}
