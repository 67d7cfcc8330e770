package io.doppel.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reading payloads as JSON, with the position of what is wrong in the reason. */
public final class Payloads {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Payloads() {}

  /** The payload as a JSON object, or {@code PAYLOAD_NOT_JSON} / {@code PAYLOAD_NOT_OBJECT} naming where. */
  public static ObjectNode object(byte[] payload) throws Unmappable {
    JsonNode node = json(payload);
    if (!(node instanceof ObjectNode object)) {
      throw new Unmappable("PAYLOAD_NOT_OBJECT", "the payload must be a JSON object, not " + kind(node));
    }
    return object;
  }

  /** The payload as any JSON value. */
  public static JsonNode json(byte[] payload) throws Unmappable {
    if (payload.length == 0) {
      throw new Unmappable("PAYLOAD_NOT_JSON", "the payload is empty");
    }
    try {
      JsonNode node = MAPPER.readTree(payload);
      if (node == null || node.isMissingNode()) {
        throw new Unmappable("PAYLOAD_NOT_JSON", "the payload holds no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
          + " (byte " + at.getByteOffset() + ")";
      throw new Unmappable("PAYLOAD_NOT_JSON", "the payload is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Unmappable("PAYLOAD_NOT_JSON", "the payload cannot be read: " + e.getMessage());
    }
  }

  /** An ISO-8601 instant with offset, or {@code INVALID_TIME} naming {@code field}. */
  public static @Nullable Instant time(@Nullable String text, String field) throws Unmappable {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Unmappable("INVALID_TIME", field + " must be an ISO-8601 time with offset, e.g. "
          + "2026-01-01T00:00:00Z, not '" + text + "'");
    }
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
