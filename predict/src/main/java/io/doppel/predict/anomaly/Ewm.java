package io.doppel.predict.anomaly;

/** Exponentially weighted mean and variance: O(1) time and memory, forgets at rate {@code alpha}. */
final class Ewm {

  private final double alpha;
  private double mean;
  private double var;
  private boolean started;

  Ewm(double alpha) {
    this.alpha = alpha;
  }

  void add(double x) {
    if (!started) {
      mean = x;
      var = 0;
      started = true;
      return;
    }
    double d = x - mean;
    double incr = alpha * d;
    mean += incr;
    var = (1 - alpha) * (var + d * incr);
  }

  /** Moves the mean to a new level, keeping the spread: the series changed regime. */
  void rebase(double newMean) {
    mean = newMean;
  }

  double mean() {
    return mean;
  }

  double sd() {
    return Math.sqrt(var);
  }
}
