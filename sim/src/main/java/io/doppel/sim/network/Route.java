package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import org.jspecify.annotations.Nullable;

/**
 * After leaving node {@code from} (a source or station) a customer goes to station {@code to} with this
 * probability. A station's routes may add up to less than 1: the rest leave the network. A source's add up to 1.
 * A route may take time ({@code delay}: transport, a network hop; no queue, any number in transit at once), and may
 * be a watched call with a timeout, retries ({@link CallPolicy}) and a {@link CircuitBreaker}.
 *
 * <p>A {@code synchronous} route from a station is a call the station makes and waits for: after its service the
 * customer calls {@code to} with this probability (each synchronous route of a station on its own draw, in the
 * order given; all at once with {@link StationSpec#withParallelCalls}), and only when the callee's handling is done (its service, its own synchronous calls and wherever
 * it routes the customer on, until that journey would leave the network) does the caller go on, to its next call
 * and then along its ordinary routes. The caller's latency so includes its callees'. The caller's server is free
 * during the call (an asynchronous server). A route with a {@code delay} from a station into a blocking one books
 * its place there when the part sets off (the part waits on its server upstream while none is free).
 */
public record Route(
    String from,
    String to,
    double probability,
    @Nullable Distribution delay,
    @Nullable CallPolicy call,
    @Nullable CircuitBreaker breaker,
    boolean synchronous) {
  public Route(String from, String to, double probability) {
    this(from, to, probability, null, null, null, false);
  }

  public Route(String from, String to, double probability, @Nullable Distribution delay, @Nullable CallPolicy call,
      @Nullable CircuitBreaker breaker) {
    this(from, to, probability, delay, call, breaker, false);
  }

  /** The caller waits for the callee's reply before it goes on. */
  public Route asSynchronous() {
    return new Route(from, to, probability, delay, call, breaker, true);
  }

  public Route withDelay(Distribution value) {
    return new Route(from, to, probability, value, call, breaker, synchronous);
  }

  /** A call that takes longer than {@code timeout} fails for the caller. */
  public Route withTimeout(double timeout) {
    CallPolicy c = call == null ? CallPolicy.WATCH : call;
    return new Route(from, to, probability, delay, new CallPolicy(timeout, c.retries(), c.backoff()), breaker,
        synchronous);
  }

  /** A failed call is sent again after {@code backoff}, at most {@code retries} times. */
  public Route withRetries(int retries, Distribution backoff) {
    CallPolicy c = call == null ? CallPolicy.WATCH : call;
    return new Route(from, to, probability, delay, new CallPolicy(c.timeout(), retries, backoff), breaker,
        synchronous);
  }

  public Route withBreaker(CircuitBreaker value) {
    return new Route(from, to, probability, delay, call == null ? CallPolicy.WATCH : call, value, synchronous);
  }

  /** Whether calls along the route are followed to their outcome (a timeout, retries or a breaker). */
  public boolean watched() {
    return call != null;
  }
}
