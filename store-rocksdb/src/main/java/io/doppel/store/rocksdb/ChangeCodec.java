package io.doppel.store.rocksdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import io.doppel.history.spi.ChangeKind;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.twin.Origin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A logged change as a Smile object with short field names: a patch or document dominates its size, and Smile
 * back-references the names repeated inside it.
 */
final class ChangeCodec {
  private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory());

  private ChangeCodec() {}

  static byte[] encode(ChangeRecord c) {
    ObjectNode o = SMILE.createObjectNode();
    o.put("v", c.version()).put("t", c.time()).put("k", c.kind().label()).put("id", c.twinId());
    putIfPresent(o, "rel", c.relationshipId());
    putIfPresent(o, "to", c.targetId());
    putIfPresent(o, "name", c.relationshipName());
    putIfPresent(o, "model", c.model());
    if (!c.models().isEmpty()) {
      ArrayNode models = o.putArray("models");
      c.models().forEach(models::add);
    }
    o.put("ch", c.origin().channel()).put("src", c.origin().source());
    if (c.patch() != null) {
      o.set("patch", c.patch());
    }
    if (c.document() != null) {
      o.set("doc", c.document());
    }
    try {
      return SMILE.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
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
    o.path("models").forEach(m -> models.add(m.asText()));
    return new ChangeRecord(o.path("v").asLong(), o.path("t").asLong(), ChangeKind.ofLabel(o.path("k").asText()),
        o.path("id").asText(), text(o, "rel"), text(o, "to"), text(o, "name"), text(o, "model"), models,
        new Origin(o.path("ch").asText(), o.path("src").asText()),
        o.get("patch") instanceof ArrayNode a ? a : null, o.get("doc") instanceof ObjectNode d ? d : null);
  }

  private static void putIfPresent(ObjectNode o, String field, @Nullable String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static @Nullable String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
