package io.doppel.twin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
  private static final SmileFactory SMILE_FACTORY = SmileFactory.builder()
      .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
      .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
      .build();
  private static final ObjectMapper SMILE = new ObjectMapper(SMILE_FACTORY);

  private TwinCodec() {}

  static byte[] encode(ObjectNode document) {
    byte[] common = SmileWriter.encode(document);
    return common != null ? common : encodeWithJackson(document);
  }

  /** Every document {@link SmileWriter} leaves aside: the same bytes, by Jackson's generator. */
  static byte[] encodeWithJackson(ObjectNode document) {
    // Straight onto a generator: ObjectMapper.writeValueAsBytes would build a serializer provider and look up
    // serializers for each of the ~25 nodes of a twin, on the path every write takes. The bytes are the same.
    Output out = OUTPUT.get();
    out.reset();
    try (JsonGenerator gen = SMILE_FACTORY.createGenerator(out)) {
      write(gen, document);
    } catch (IOException e) {
      // Trees built by the engine always serialise, and this output cannot fail: failing here is a bug.
      throw new IllegalStateException("cannot encode a document", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator gen, JsonNode node) throws IOException {
    switch (node) {
      case ObjectNode object -> {
        java.util.Set<java.util.Map.Entry<String, JsonNode>> properties = object.properties();
        gen.writeStartObject(object, properties.size());
        if (properties instanceof Members.Entries members) {
          for (int i = 0; i < members.size(); i++) {
            gen.writeFieldName(members.key(i));
            write(gen, members.value(i));
          }
        } else {
          for (java.util.Map.Entry<String, JsonNode> e : properties) {
            gen.writeFieldName(e.getKey());
            write(gen, e.getValue());
          }
        }
        gen.writeEndObject();
      }
      case ArrayNode array -> {
        gen.writeStartArray(array, array.size());
        for (JsonNode element : array) {
          write(gen, element);
        }
        gen.writeEndArray();
      }
      case TextNode text -> gen.writeString(text.textValue());
      case DoubleNode n -> gen.writeNumber(n.doubleValue());
      case IntNode n -> gen.writeNumber(n.intValue());
      case LongNode n -> gen.writeNumber(n.longValue());
      case BooleanNode b -> gen.writeBoolean(b.booleanValue());
      case NullNode n -> gen.writeNull();
      // Rarer nodes (big numbers, floats, binary) serialise as Jackson does it.
      default -> SMILE.writeTree(gen, node);
    }
  }

  /** A reusable per-thread output for {@link #encode}: twin documents are a few hundred bytes. */
  private static final class Output extends java.io.ByteArrayOutputStream {
    Output() {
      super(1024);
    }

    @Override
    public void close() {
      // The generator closes its target; this buffer lives on for the thread's next encode.
    }
  }

  private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

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
    if (document.size() > Members.MAX_SMALL) {
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
    Members top = members(document, 1);
    if (top.get("$metadata") instanceof ObjectNode metadata) {
      top.put("$metadata", new ObjectNode(JsonNodeFactory.instance, members(metadata, 2)));
    }
    return new ObjectNode(JsonNodeFactory.instance, top);
  }

  /** The members of {@code object} as a new {@link Members}: two array copies when it already holds one. */
  private static Members members(ObjectNode object, int extra) {
    return object.properties() instanceof Members.Entries entries
        ? entries.owner().copy(extra) : Members.of(object.properties(), extra);
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
