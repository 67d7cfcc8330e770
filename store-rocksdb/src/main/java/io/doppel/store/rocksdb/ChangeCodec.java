package io.doppel.store.rocksdb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import io.doppel.history.spi.ChangeKind;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.twin.Origin;
import io.doppel.twin.StoredDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A logged change as a Smile object with short field names: a patch or document dominates its size, and Smile
 * back-references the names repeated inside it. A twin's document is kept as the engine stored it ({@code sdoc}, the
 * bytes of {@link StoredDocuments}) when the change brings them, so logging a write copies bytes instead of encoding
 * the twin's tree once more; older entries, and relationship changes, hold the tree itself ({@code doc}).
 */
final class ChangeCodec {
  /** Raw binary (no 7-bit packing): the stored document is copied, not re-coded. */
  private static final SmileFactory FACTORY = SmileFactory.builder()
      .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
      .build();
  private static final ObjectMapper SMILE = new ObjectMapper(FACTORY);

  private ChangeCodec() {}

  /** Straight onto a generator in the order the fields were always written: no tree, no serializer lookups. */
  static byte[] encode(ChangeRecord c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", c.version());
      g.writeNumberField("t", c.time());
      g.writeStringField("k", c.kind().label());
      g.writeStringField("id", c.twinId());
      writeIfPresent(g, "rel", c.relationshipId());
      writeIfPresent(g, "to", c.targetId());
      writeIfPresent(g, "name", c.relationshipName());
      writeIfPresent(g, "model", c.model());
      if (!c.models().isEmpty()) {
        g.writeArrayFieldStart("models");
        for (String m : c.models()) {
          g.writeString(m);
        }
        g.writeEndArray();
      }
      g.writeStringField("ch", c.origin().channel());
      g.writeStringField("src", c.origin().source());
      if (c.patch() != null) {
        g.writeFieldName("patch");
        write(g, c.patch());
      }
      if (c.storedDocument() != null) {
        g.writeBinaryField("sdoc", c.storedDocument());
      } else if (c.document() != null) {
        g.writeFieldName("doc");
        write(g, c.document());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("a change always serialises", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node) {
      case ObjectNode object -> {
        g.writeStartObject();
        for (var e : object.properties()) {
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ArrayNode array -> {
        g.writeStartArray();
        for (JsonNode element : array) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case TextNode text -> g.writeString(text.textValue());
      case IntNode n -> g.writeNumber(n.intValue());
      case LongNode n -> g.writeNumber(n.longValue());
      case DoubleNode n -> g.writeNumber(n.doubleValue());
      case BooleanNode b -> g.writeBoolean(b.booleanValue());
      case NullNode n -> g.writeNull();
      default -> SMILE.writeTree(g, node); // the rare rest (decimals, big integers) as the tree writer writes them
    }
  }

  static ChangeRecord decode(byte[] bytes) {
    JsonNode o;
    try {
      o = SMILE.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("a logged change does not decode: " + e.getMessage(), e);
    }
    List<String> models = new ArrayList<>();
    byte[] stored = stored(o);
    o.path("models").forEach(m -> models.add(m.asText()));
    return new ChangeRecord(o.path("v").asLong(), o.path("t").asLong(), ChangeKind.ofLabel(o.path("k").asText()),
        o.path("id").asText(), text(o, "rel"), text(o, "to"), text(o, "name"), text(o, "model"), models,
        new Origin(o.path("ch").asText(), o.path("src").asText()),
        o.get("patch") instanceof ArrayNode a ? a : null, document(o, stored), stored);
  }

  private static @Nullable ObjectNode document(JsonNode o, byte @Nullable [] stored) {
    if (stored != null) {
      return StoredDocuments.decode(stored);
    }
    return o.get("doc") instanceof ObjectNode d ? d : null;
  }

  private static byte @Nullable [] stored(JsonNode o) {
    JsonNode stored = o.get("sdoc");
    try {
      return stored == null ? null : stored.binaryValue();
    } catch (IOException e) {
      throw new IllegalStateException("a logged document does not decode: " + e.getMessage(), e);
    }
  }

  private static void writeIfPresent(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private static @Nullable String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
