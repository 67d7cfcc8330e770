package io.doppel.sim.network;

/**
 * One station's figures from one replication, over the time after the warm-up. Besides the queueing figures:
 * customers {@code lost} when their server went down, {@code refused} while the station was down, {@code wasted}
 * services whose caller had already given up; demand, stock-outs (demand that found no stock), lost sales and
 * reorders at an inventory; autoscaler steps; availability (up server time over provisioned server time), mean
 * provisioned servers, cost (server time x cost rate), mean servers held by blocked customers, mean stock on hand
 * (NaN without an inventory), and the mean handling time: arrival to the end of the station's synchronous calls
 * (its response time when it makes none), the latency its caller sees.
 */
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
    double meanInStation,
    long lost,
    long refused,
    long wasted,
    long demand,
    long stockouts,
    long lostSales,
    long orders,
    long scaleUps,
    long scaleDowns,
    double availability,
    double meanServers,
    double cost,
    double meanBlocked,
    double meanStock,
    double meanHandling) {

  /** Customers whose visit here failed: dropped, timed out in the queue, lost, refused, or turned away without stock. */
  public long errors() {
    return drops + timeouts + lost + refused + lostSales;
  }

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
      case ERROR_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) errors() / arrivals;
      case LOSS_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) lost / arrivals;
      case REFUSAL_PROBABILITY -> arrivals == 0 ? Double.NaN : (double) refused / arrivals;
      case WASTED_FRACTION -> completions == 0 ? Double.NaN : (double) wasted / completions;
      case AVAILABILITY -> availability;
      case MEAN_SERVERS -> meanServers;
      case COST -> cost;
      case MEAN_BLOCKED -> meanBlocked;
      case FILL_RATE -> demand == 0 ? Double.NaN : (double) (demand - stockouts) / demand;
      case MEAN_STOCK -> meanStock;
      case MEAN_HANDLING_TIME -> meanHandling;
    };
  }
}
