package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;

/**
 * The caller's side of a route: a call (the customer's visit to the route's target, queue and service, transport
 * included) that has not completed {@code timeout} time units after it was sent counts as failed for the caller, as
 * does one the target refuses, drops, loses or lets time out in its queue. A failed call is sent again after a
 * {@code backoff} delay, up to {@code retries} more times; then the customer gives up and leaves as an error. The
 * target does not learn that the caller gave up: a timed-out call is still served (wasted work), which is how a
 * retry storm overloads a slow service.
 */
public record CallPolicy(double timeout, int retries, Distribution backoff) {
  /** No timeout and no retries: the route is only watched (for a circuit breaker's outcomes). */
  public static final CallPolicy WATCH = new CallPolicy(Double.POSITIVE_INFINITY, 0, Distribution.deterministic(0));
}
