package io.doppel.ingest.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message that could not be mapped or applied, kept with its raw payload and the reason until it is replayed or
 * deleted. {@code id} is given by the store, increasing; {@code reason} a stable code, {@code detail} names the
 * offending field or position, {@code mapping} which mapping (and version) was tried.
 */
public record DeadLetter(
    long id, Instant at, String connector, String source, String topic, @Nullable String key, byte[] payload,
    Map<String, String> headers, Instant receivedAt, String reason, String detail, @Nullable String mapping,
    @Nullable String twinId) {
  public DeadLetter {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public DeadLetter withId(long newId) {
    return new DeadLetter(newId, at, connector, source, topic, key, payload, headers, receivedAt, reason, detail,
        mapping, twinId);
  }
}
