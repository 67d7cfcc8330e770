package io.doppel.sim.network;

/**
 * A watched route's figures from one replication (routes with a timeout, retries or a circuit breaker), over the
 * time after the warm-up. {@code calls} counts every attempt sent, retries included; an attempt ends as a success
 * or a failure (timed out, or refused, dropped, lost or abandoned at the target, or rejected by the breaker);
 * {@code gaveUp} counts customers who failed their last attempt and left as errors. {@code meanCallTime}: sent to
 * reply of the successful attempts.
 */
public record RouteResult(
    int index,
    String from,
    String to,
    long calls,
    long successes,
    long failures,
    long timeouts,
    long retries,
    long gaveUp,
    double meanCallTime,
    long rejected,
    long breakerOpened,
    long breakerHalfOpened,
    long breakerClosed,
    double timeOpen) {

  public double value(RouteMetric metric, double measuredTime) {
    return switch (metric) {
      case CALLS -> calls / measuredTime;
      case FAILURE_PROBABILITY -> calls == 0 ? Double.NaN : (double) failures / calls;
      case TIMEOUT_PROBABILITY -> calls == 0 ? Double.NaN : (double) timeouts / calls;
      case RETRIES -> retries / measuredTime;
      case GAVE_UP -> gaveUp / measuredTime;
      case MEAN_CALL_TIME -> meanCallTime;
      case REJECTED -> rejected / measuredTime;
      case BREAKER_OPENED -> breakerOpened;
      case TIME_OPEN_FRACTION -> timeOpen / measuredTime;
    };
  }
}
