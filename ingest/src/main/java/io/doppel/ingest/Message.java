package io.doppel.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message as a connector received it: the raw payload, the topic (MQTT topic, Kafka topic, HTTP path) it came
 * on, an optional key (Kafka record key), headers, and who sent it. The payload is kept byte for byte so that a dead
 * letter can be replayed exactly.
 */
public record Message(
    String connector, String source, String topic, @Nullable String key, byte[] payload, Map<String, String> headers,
    Instant receivedAt) {
  public Message {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** A message with no key and no headers. */
  public static Message of(String connector, String source, String topic, byte[] payload, Instant receivedAt) {
    return new Message(connector, source, topic, null, payload, Map.of(), receivedAt);
  }
}
