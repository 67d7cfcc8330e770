package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Message;
import io.doppel.ingest.Payloads;
import io.doppel.ingest.Unmappable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an expression can read of one message: topic levels, key, headers and the payload, parsed at most once and
 * only when an expression asks for it (a mapping that reads only the topic accepts any payload).
 */
final class Scope {
  private final String[] topic;
  private final @Nullable String key;
  private final Map<String, String> headers;
  private final byte[] rawPayload;
  private @Nullable JsonNode payload;

  Scope(Message message) {
    this.topic = message.topic().split("/", -1);
    this.key = message.key();
    this.headers = message.headers();
    this.rawPayload = message.payload();
  }

  String[] topic() {
    return topic;
  }

  @Nullable String key() {
    return key;
  }

  @Nullable String header(String name) {
    String exact = headers.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  JsonNode payload() throws Unmappable {
    if (payload == null) {
      payload = Payloads.json(rawPayload);
    }
    return payload;
  }
}
