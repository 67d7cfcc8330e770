package io.doppel.stream.routes;

import java.time.Duration;

/**
 * How a route retries and how much it keeps.
 *
 * @param maxAttempts attempts at one event before it is parked as a letter; 0 retries for ever (the event stays in
 *     the outbox until the endpoint takes it)
 * @param backoffBase the first retry's delay; each further one doubles it, with jitter
 * @param backoffMax the longest delay between two attempts
 * @param maxOutbox the most events kept waiting; past it new events are not kept and the route is overflowing
 * @param batchSize the most events sent in one go (one batched webhook request, one Kafka or MQTT pipeline)
 * @param failingAfter consecutive failed attempts after which the route is reported failing instead of retrying
 */
public record RouteOptions(int maxAttempts, Duration backoffBase, Duration backoffMax, long maxOutbox,
    int batchSize, int failingAfter) {

  public static final long MAX_OUTBOX_LIMIT = 10_000_000;
  public static final int MAX_BATCH = 1000;

  public RouteOptions {
    if (maxAttempts < 0 || maxOutbox < 1 || batchSize < 1 || failingAfter < 1) {
      throw new IllegalArgumentException("route options out of range");
    }
    if (backoffBase.toMillis() < 1 || backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoff must be at least 1 ms and its maximum at least its base");
    }
  }

  /** Retry for ever, from 1 s doubling up to 5 min; keep up to 100,000 events; batches of 100; failing after 5. */
  public static RouteOptions defaults() {
    return new RouteOptions(0, Duration.ofSeconds(1), Duration.ofMinutes(5), 100_000, 100, 5);
  }
}
