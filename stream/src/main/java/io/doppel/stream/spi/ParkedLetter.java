package io.doppel.stream.spi;

import java.time.Instant;

/**
 * An event a route gave up on (the endpoint refused it, or it failed more often than the route allows), kept for
 * inspection instead of dropped.
 *
 * @param entry the event as it was in the outbox
 * @param reason why it was parked, e.g. {@code HTTP 400: bad payload}
 * @param attempts how many times delivery was tried
 * @param parkedAt when it was parked
 */
public record ParkedLetter(OutboxEntry entry, String reason, int attempts, Instant parkedAt) {}
