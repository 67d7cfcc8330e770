package io.doppel.store.rocksdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.spi.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter on disk: 8 bytes of payload length (so that the store's byte count is known from a scan without
 * decoding), then the letter as JSON with the payload in base64.
 */
final class DeadLetterCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeadLetterCodec() {}

  static byte[] encode(DeadLetter l) {
    ObjectNode n = MAPPER.createObjectNode().put("id", l.id()).put("at", l.at().toString())
        .put("connector", l.connector()).put("source", l.source()).put("topic", l.topic()).put("key", l.key())
        .put("payload", l.payload()).put("receivedAt", l.receivedAt().toString()).put("reason", l.reason())
        .put("detail", l.detail()).put("mapping", l.mapping()).put("twinId", l.twinId());
    ObjectNode headers = n.putObject("headers");
    l.headers().forEach(headers::put);
    try {
      byte[] json = MAPPER.writeValueAsBytes(n);
      return ByteBuffer.allocate(8 + json.length).putLong(l.payload().length).put(json).array();
    } catch (IOException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }

  static long payloadSize(byte[] value) {
    return ByteBuffer.wrap(value, 0, 8).getLong();
  }

  static DeadLetter decode(byte[] value) {
    try {
      JsonNode n = MAPPER.readTree(value, 8, value.length - 8);
      Map<String, String> headers = new LinkedHashMap<>();
      n.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
      return new DeadLetter(n.path("id").asLong(), Instant.parse(n.path("at").asText()), n.path("connector").asText(),
          n.path("source").asText(), n.path("topic").asText(), text(n, "key"), n.path("payload").binaryValue(),
          headers, Instant.parse(n.path("receivedAt").asText()), n.path("reason").asText(), n.path("detail").asText(),
          text(n, "mapping"), text(n, "twinId"));
    } catch (IOException e) {
      throw new IllegalStateException("a stored dead letter is unreadable", e);
    }
  }

  private static @org.jspecify.annotations.Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
