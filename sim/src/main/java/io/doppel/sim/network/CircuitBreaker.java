package io.doppel.sim.network;

/**
 * A caller-side circuit breaker on a route. Closed, it lets calls through and watches their outcomes; it opens
 * after {@code failures} failed calls within {@code window} time units, or (when {@code calls > 0}) when at least
 * {@code ratio} of the last {@code calls} calls failed. Open, it rejects calls at once (a fast failure for the
 * caller, which its retry policy may retry) for {@code openFor} time units, then half-opens: the next
 * {@code halfOpenCalls} calls go through as trials, the rest are rejected; all trials succeeding closes it, one
 * failing opens it again.
 */
public record CircuitBreaker(int failures, double window, double ratio, int calls, double openFor, int halfOpenCalls) {
  /** Opens after {@code failures} failed calls within {@code window} time units. */
  public static CircuitBreaker afterFailures(int failures, double window, double openFor) {
    return new CircuitBreaker(failures, window, 0, 0, openFor, 1);
  }

  /** Opens when at least {@code ratio} of the last {@code calls} calls failed. */
  public static CircuitBreaker afterFailureRatio(double ratio, int calls, double openFor) {
    return new CircuitBreaker(0, 0, ratio, calls, openFor, 1);
  }

  public CircuitBreaker withHalfOpenCalls(int value) {
    return new CircuitBreaker(failures, window, ratio, calls, openFor, value);
  }

  boolean byRatio() {
    return calls > 0;
  }
}
