package io.doppel.sim.network;

/** What is measured for the network as a whole, from a customer's arrival at a source to its exit. */
public enum NetworkMetric {
  /** Customers leaving the network after service, per time unit. */
  THROUGHPUT,
  /** Mean time from arrival to exit of the customers who exited. */
  MEAN_RESPONSE,
  P50_RESPONSE,
  P95_RESPONSE,
  P99_RESPONSE,
  /** External arrivals that were dropped at some full station. */
  DROP_PROBABILITY,
  /** External arrivals that timed out in some queue. */
  TIMEOUT_PROBABILITY,
  /** External arrivals that left without finishing, for any reason (drops, timeouts, losses, failed calls). */
  ERROR_PROBABILITY,
  /** External arrivals that gave up after their last failed call attempt. */
  GAVE_UP_PROBABILITY
}
