package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import org.jspecify.annotations.Nullable;

/**
 * After leaving node {@code from} (a source or station) a customer goes to station {@code to} with this
 * probability. A station's routes may add up to less than 1: the rest leave the network. A source's add up to 1.
 * A route may take time ({@code delay}: transport, a network hop; no queue, any number in transit at once), and may
 * be a watched call with a timeout, retries ({@link CallPolicy}) and a {@link CircuitBreaker}.
 */
public record Route(
    String from,
    String to,
    double probability,
    @Nullable Distribution delay,
    @Nullable CallPolicy call,
    @Nullable CircuitBreaker breaker) {
  public Route(String from, String to, double probability) {
    this(from, to, probability, null, null, null);
  }

  public Route withDelay(Distribution value) {
    return new Route(from, to, probability, value, call, breaker);
  }

  /** A call that takes longer than {@code timeout} fails for the caller. */
  public Route withTimeout(double timeout) {
    CallPolicy c = call == null ? CallPolicy.WATCH : call;
    return new Route(from, to, probability, delay, new CallPolicy(timeout, c.retries(), c.backoff()), breaker);
  }

  /** A failed call is sent again after {@code backoff}, at most {@code retries} times. */
  public Route withRetries(int retries, Distribution backoff) {
    CallPolicy c = call == null ? CallPolicy.WATCH : call;
    return new Route(from, to, probability, delay, new CallPolicy(c.timeout(), retries, backoff), breaker);
  }

  public Route withBreaker(CircuitBreaker value) {
    return new Route(from, to, probability, delay, call == null ? CallPolicy.WATCH : call, value);
  }

  /** Whether calls along the route are followed to their outcome (a timeout, retries or a breaker). */
  public boolean watched() {
    return call != null;
  }
}
