package io.doppel.sim.network;

/** What is measured per station after the warm-up; each replication gives one value, summarised with an interval. */
public enum StationMetric {
  /** Completed services per time unit. */
  THROUGHPUT,
  /** Mean time in the queue of the customers who reached a server. */
  MEAN_WAIT,
  /** Mean time at the station (wait + service) per completed visit. */
  MEAN_RESPONSE,
  P50_RESPONSE,
  P95_RESPONSE,
  P99_RESPONSE,
  /** Busy server time over servers x time. */
  UTILISATION,
  /** Time-average number waiting. */
  MEAN_QUEUE_LENGTH,
  /** Time-average number waiting or in service. */
  MEAN_IN_STATION,
  /** Admitted customers who found every server busy and queued (Erlang C for M/M/c). */
  WAIT_PROBABILITY,
  /** Arrivals dropped because the queue was full. */
  DROP_PROBABILITY,
  /** Admitted customers who left the queue when their patience ran out. */
  TIMEOUT_PROBABILITY,
  /** Arrivals whose visit failed: dropped, timed out, lost, refused or turned away without stock. */
  ERROR_PROBABILITY,
  /** Arrivals lost in service when their server went down ({@link Failures.Interruption#LOSE}). */
  LOSS_PROBABILITY,
  /** Arrivals refused while the station was down ({@link Failures.WhileDown#DROP}). */
  REFUSAL_PROBABILITY,
  /** Completed services whose caller had already given up (timed out). */
  WASTED_FRACTION,
  /** Up server time over provisioned server time: MTBF / (MTBF + MTTR) in the long run. */
  AVAILABILITY,
  /** Time-average provisioned servers (changes with an autoscaler). */
  MEAN_SERVERS,
  /** Provisioned server time x the station's cost rate, over the measured period. */
  COST,
  /** Time-average servers held by customers blocked on a full station downstream. */
  MEAN_BLOCKED,
  /** Inventory: demand met from stock on arrival over all demand. */
  FILL_RATE,
  /** Inventory: time-average stock on hand. */
  MEAN_STOCK,
  /** Arrival to the end of the station's synchronous calls: its own response plus its callees' (what its caller waits). */
  MEAN_HANDLING_TIME
}
