package io.doppel.stream.routes;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A moment's view of one route's delivery. Counters are since the server started; {@code lag} and {@code parked}
 * are what the outbox holds.
 *
 * @param delivered events delivered
 * @param rate events delivered per second over the last minute
 * @param lag events waiting in the outbox
 * @param parked letters parked (refused or given up on), kept for inspection
 * @param dropped events not kept because the outbox was full
 * @param consecutiveFailures failed attempts since the last success
 */
public record RouteStatus(RouteState state, long delivered, double rate, long lag, long parked, long dropped,
    int consecutiveFailures, @Nullable String lastError, @Nullable Instant lastErrorTime,
    @Nullable Instant lastDeliveryTime) {}
