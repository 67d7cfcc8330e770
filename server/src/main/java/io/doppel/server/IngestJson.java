package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.TwinUpdate;
import io.doppel.ingest.connector.ConnectorRegistry;
import io.doppel.ingest.connector.ConnectorStatus;
import io.doppel.ingest.spi.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How dead letters, twin updates and connectors look in the API. */
final class IngestJson {
  private IngestJson() {}

  /** A letter with its payload as UTF-8 text when it is valid UTF-8, else base64 ({@code payloadEncoding} says). */
  static ObjectNode letter(DeadLetter l) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("id", l.id()).put("at", l.at().toString())
        .put("connector", l.connector()).put("source", l.source()).put("topic", l.topic()).put("key", l.key())
        .put("reason", l.reason()).put("detail", l.detail()).put("mapping", l.mapping()).put("twinId", l.twinId())
        .put("receivedAt", l.receivedAt().toString());
    ObjectNode headers = n.putObject("headers");
    l.headers().forEach(headers::put);
    String text = utf8(l.payload());
    if (text != null) {
      n.put("payloadEncoding", "utf-8").put("payload", text);
    } else {
      n.put("payloadEncoding", "base64").put("payload", Base64.getEncoder().encodeToString(l.payload()));
    }
    return n;
  }

  static ObjectNode update(TwinUpdate update) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("twinId", update.twinId());
    switch (update) {
      case TwinUpdate.Telemetry t -> {
        n.put("kind", "telemetry").put("component", t.component()).set("values", t.values());
        n.put("sourceTime", t.sourceTime() == null ? null : t.sourceTime().toString());
      }
      case TwinUpdate.Patch p -> n.put("kind", "patch").set("patch", p.patch());
    }
    return n;
  }

  static ObjectNode connector(ConnectorRegistry.View view) {
    ConnectorStatus s = view.status();
    ObjectNode n = Json.MAPPER.createObjectNode().put("id", s.id()).put("type", s.type()).put("fixed", s.fixed())
        .put("status", s.state().label()).put("messagesIn", s.messagesIn())
        .put("ratePerSecond", Math.round(s.ratePerSecond() * 1000) / 1000.0).put("lag", s.lag())
        .put("deadLetters", s.deadLetters()).put("throttles", s.throttles()).put("lastError", s.lastError())
        .put("lastErrorAt", s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
    n.set("config", view.config());
    return n;
  }

  private static @org.jspecify.annotations.Nullable String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
