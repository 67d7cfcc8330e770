package io.doppel.predict.forecast;

import org.jspecify.annotations.Nullable;

/**
 * When a forecast crosses a threshold: the first step where the point forecast reaches it, and the 80% interval of
 * that time, from the first step the near 80% bound reaches it (earliest) to the first step the far bound does
 * (latest). The direction is towards the threshold from the last observed value. Steps are 1-based (step 1 is the
 * first forecast point); null means not within the horizon.
 */
public record ThresholdCrossing(double threshold, boolean upward, @Nullable Integer step, @Nullable Integer earliest,
    @Nullable Integer latest) {

  public static ThresholdCrossing find(Forecast f, double last, double threshold) {
    boolean upward = threshold >= last;
    double[] near = upward ? f.upper80() : f.lower80();
    double[] far = upward ? f.lower80() : f.upper80();
    return new ThresholdCrossing(threshold, upward, first(f.mean(), threshold, upward),
        first(near, threshold, upward), first(far, threshold, upward));
  }

  private static @Nullable Integer first(double[] values, double threshold, boolean upward) {
    for (int i = 0; i < values.length; i++) {
      if (upward ? values[i] >= threshold : values[i] <= threshold) {
        return i + 1;
      }
    }
    return null;
  }
}
