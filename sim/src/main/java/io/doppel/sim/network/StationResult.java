package io.doppel.sim.network;

/** One station's figures from one replication, over the time after the warm-up. */
public record StationResult(
    String id,
    long arrivals,
    long served,
    long completions,
    long queued,
    long drops,
    long timeouts,
    double throughput,
    double meanWait,
    double meanResponse,
    double p50Response,
    double p95Response,
    double p99Response,
    double utilisation,
    double meanQueueLength,
    double meanInStation) {

  public double value(StationMetric metric) {
    long admitted = arrivals - drops;
    return switch (metric) {
      case THROUGHPUT -> throughput;
      case MEAN_WAIT -> meanWait;
      case MEAN_RESPONSE -> meanResponse;
      case P50_RESPONSE -> p50Response;
      case P95_RESPONSE -> p95Response;
      case P99_RESPONSE -> p99Response;
      case UTILISATION -> utilisation;
      case MEAN_QUEUE_LENGTH -> meanQueueLength;
      case MEAN_IN_STATION -> meanInStation;
      case WAIT_PROBABILITY -> admitted == 0 ? Double.NaN : (double) queued / admitted;
      case DROP_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) drops / arrivals;
      case TIMEOUT_PROBABILITY -> admitted == 0 ? Double.NaN : (double) timeouts / admitted;
    };
  }
}
