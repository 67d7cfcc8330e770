package io.doppel.sim.network;

/** What is measured per watched route after the warm-up; each replication gives one value. */
public enum RouteMetric {
  /** Attempts sent per time unit, retries included. */
  CALLS,
  /** Attempts that failed (any cause) over attempts. */
  FAILURE_PROBABILITY,
  /** Attempts that timed out over attempts. */
  TIMEOUT_PROBABILITY,
  /** Retries sent per time unit. */
  RETRIES,
  /** Customers per time unit who failed their last attempt and left as errors. */
  GAVE_UP,
  /** Mean time from sending to reply of the successful attempts. */
  MEAN_CALL_TIME,
  /** Calls rejected by the circuit breaker per time unit. */
  REJECTED,
  /** Times the breaker opened in the replication. */
  BREAKER_OPENED,
  /** Fraction of the measured time the breaker was open. */
  TIME_OPEN_FRACTION
}
