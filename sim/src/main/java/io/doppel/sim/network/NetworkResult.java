package io.doppel.sim.network;

/** The whole network's figures from one replication, over the time after the warm-up. */
public record NetworkResult(
    long arrivals,
    long exits,
    long drops,
    long timeouts,
    double throughput,
    double meanResponse,
    double p50Response,
    double p95Response,
    double p99Response,
    long errors,
    long gaveUp) {

  public double value(NetworkMetric metric) {
    return switch (metric) {
      case THROUGHPUT -> throughput;
      case MEAN_RESPONSE -> meanResponse;
      case P50_RESPONSE -> p50Response;
      case P95_RESPONSE -> p95Response;
      case P99_RESPONSE -> p99Response;
      case DROP_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) drops / arrivals;
      case TIMEOUT_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) timeouts / arrivals;
      case ERROR_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) errors / arrivals;
      case GAVE_UP_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) gaveUp / arrivals;
    };
  }
}
