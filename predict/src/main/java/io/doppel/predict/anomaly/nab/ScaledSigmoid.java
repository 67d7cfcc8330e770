package io.doppel.predict.anomaly.nab;

/**
 * NAB's reward curve: about +1 at the left edge of a window (position -1), 0 at its right edge (position 0), falling
 * to -1 for positions far past it; clipped to exactly -1 from position 3 on.
 */
final class ScaledSigmoid {

  /** The reward of a detection on a window's first row; true-positive rewards are divided by it. */
  static final double MAX_TP = of(-1.0);

  private ScaledSigmoid() {}

  static double of(double relativePosition) {
    if (relativePosition >= 3.0) {
      return -1.0;
    }
    return 2 * sigmoid(-5 * relativePosition) - 1.0;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
