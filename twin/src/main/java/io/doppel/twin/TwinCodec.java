package io.doppel.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;

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

  /**
   * A deep copy of {@code node} as it reads back after {@link #encode} and {@link #decode}: Smile writes a long or
   * short that fits in an int as an int, so such numbers become {@code IntNode}s. Replies built from a tree the
   * engine encodes then equal what later reads of the stored bytes return.
   */
  static JsonNode canonicalCopy(JsonNode node) {
    return switch (node) {
      case ObjectNode object -> {
        // Sized up front: a default map re-hashes as a twin's dozen members arrive, and replies copy every twin.
        ObjectNode copy = new ObjectNode(JsonNodeFactory.instance, LinkedHashMap.newLinkedHashMap(object.size()));
        for (java.util.Map.Entry<String, JsonNode> e : object.properties()) {
          copy.set(e.getKey(), canonicalCopy(e.getValue()));
        }
        yield copy;
      }
      case ArrayNode array -> {
        ArrayNode copy = array.arrayNode(array.size());
        for (JsonNode element : array) {
          copy.add(canonicalCopy(element));
        }
        yield copy;
      }
      case LongNode n when n.canConvertToInt() -> IntNode.valueOf(n.intValue());
      case ShortNode n -> IntNode.valueOf(n.intValue());
      default -> node;
    };
  }

  /**
   * A copy of a twin document for {@link PropertyPatch} to edit: its top level and its {@code $metadata} are new
   * objects, every other node is shared with {@code document}, which stays untouched as long as only those two
   * objects' members are set.
   */
  static ObjectNode editableCopy(ObjectNode document) {
    ObjectNode copy = new ObjectNode(JsonNodeFactory.instance, LinkedHashMap.newLinkedHashMap(document.size() + 1));
    for (java.util.Map.Entry<String, JsonNode> e : document.properties()) {
      JsonNode value = e.getValue();
      if (e.getKey().equals("$metadata") && value instanceof ObjectNode metadata) {
        value = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(metadata.properties().size() * 2));
        ((ObjectNode) value).setAll(metadata);
      }
      copy.set(e.getKey(), value);
    }
    return copy;
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
