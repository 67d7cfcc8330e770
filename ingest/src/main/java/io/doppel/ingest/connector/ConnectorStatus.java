package io.doppel.ingest.connector;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a connector reports about itself.
 *
 * @param messagesIn messages handed to the ingestor since start
 * @param ratePerSecond messages per second over the last minute
 * @param lag messages at the source not yet durable here (Kafka consumer lag, MQTT messages in flight), null when
 *     not known (e.g. while disconnected)
 * @param deadLetters messages of this connector that became dead letters since start
 * @param lastError the last error (connection, storage), kept after recovery so that a flap can be seen
 * @param throttles times the connector stopped reading its source because the server's pending writes were at
 *     their limit (state {@code throttled} meanwhile)
 */
public record ConnectorStatus(
    String id, String type, boolean fixed, ConnectorState state, long messagesIn, double ratePerSecond,
    @Nullable Long lag, long deadLetters, @Nullable String lastError, @Nullable Instant lastErrorAt,
    long throttles) {}
