package io.doppel.sim.network;

import io.doppel.sim.stats.LogHistogram;
import org.jspecify.annotations.Nullable;

/** The network's own figures in one replication: who came in, who left and how, end-to-end response times. */
final class NetworkTally {
  long arrivals;
  long exits;
  long drops;
  long timeouts;
  long errors;
  long gaveUp;
  private final LogHistogram response = new LogHistogram();
  final @Nullable WindowCounts windows;

  NetworkTally(@Nullable WindowCounts windows) {
    this.windows = windows;
  }

  /** A customer left the network done, {@code response} after it came in. */
  void exit(double now, double response) {
    exits++;
    this.response.record(response);
    if (windows != null) {
      windows.completion(now, response);
    }
  }

  /** The end of the warm-up: counting starts afresh. */
  void reset() {
    arrivals = 0;
    exits = 0;
    drops = 0;
    timeouts = 0;
    errors = 0;
    gaveUp = 0;
    response.reset();
  }

  NetworkResult result(double measured) {
    return new NetworkResult(arrivals, exits, drops, timeouts, exits / measured, response.mean(),
        response.quantile(0.50), response.quantile(0.95), response.quantile(0.99), errors, gaveUp);
  }

  /** The network's completions and mean response per window. */
  long[] windowCompletions() {
    long[] out = new long[windows.windows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = windows.completions(i);
    }
    return out;
  }

  double[] windowMeanResponse() {
    double[] mean = new double[windows.windows()];
    for (int i = 0; i < mean.length; i++) {
      long c = windows.completions(i);
      mean[i] = c == 0 ? Double.NaN : windows.responseSum(i) / c;
    }
    return mean;
  }
}
