package io.doppel.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;

/**
 * Encodes twin and relationship documents as Jackson Smile. Smile back-references repeated names and short strings
 * (every {@code lastUpdateTime} key and the shared timestamp of a write), so a 10-property twin takes a few hundred
 * bytes: the engine keeps these bytes in memory instead of a tree per twin and materialises trees on read.
 */
final class TwinCodec {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SMILE = new ObjectMapper(SmileFactory.builder()
      .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
      .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
      .build());

  private TwinCodec() {}

  static byte[] encode(ObjectNode document) {
    try {
      return SMILE.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      // Trees built by the engine always serialise; failing here is a bug, not bad input.
      throw new IllegalStateException("cannot encode a document", e);
    }
  }

  static ObjectNode decode(byte[] bytes) {
    try {
      JsonNode node = SMILE.readTree(bytes);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw new IllegalStateException("stored document is not an object");
    } catch (IOException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "a stored document cannot be decoded: " + e.getMessage());
    }
  }

  /** The size of the document as JSON text, which is what the payload limits are stated in. */
  static int jsonSize(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot measure a document", e);
    }
  }
}
