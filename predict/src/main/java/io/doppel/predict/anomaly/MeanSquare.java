package io.doppel.predict.anomaly;

/** Exponentially weighted mean of squares (a running mean squared error). */
final class MeanSquare {

  private final double alpha;
  private double mean;
  private long count;

  MeanSquare(double alpha) {
    this.alpha = alpha;
  }

  void add(double residual) {
    double sq = residual * residual;
    mean = count == 0 ? sq : mean + alpha * (sq - mean);
    count++;
  }

  double mean() {
    return mean;
  }

  long count() {
    return count;
  }
}
