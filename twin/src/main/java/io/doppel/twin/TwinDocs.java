package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.doppel.model.Content;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.validation.ContentValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a twin body in ADT's shape, validates it against its model and builds the stored document with
 * per-property {@code lastUpdateTime} metadata: a value that did not change keeps its time, others get now.
 */
final class TwinDocs {
  /** The largest twin, as JSON text, that the engine accepts (Azure Digital Twins' limit). */
  static final int MAX_TWIN_BYTES = 32 * 1024;

  private TwinDocs() {}

  /** A body split into its model and its members (properties and components). */
  record Body(ModelRecord model, ObjectNode content) {}

  static Body read(String id, ObjectNode body, Models models) {
    List<Detail> problems = new ArrayList<>();
    JsonNode dtId = body.get("$dtId");
    if (dtId != null && !(dtId.isTextual() && dtId.asText().equals(id))) {
      problems.add(new Detail("idMismatch", "/$dtId", "$dtId must be absent or equal to the twin id '" + id + "'"));
    }
    ObjectNode content = body.objectNode();
    for (Map.Entry<String, JsonNode> member : body.properties()) {
      String key = member.getKey();
      if (!key.startsWith("$")) {
        content.set(key, member.getValue());
      } else if (!key.equals("$dtId") && !key.equals("$etag") && !key.equals("$metadata")) {
        problems.add(new Detail("unknownSystemProperty", "/" + key, "'" + key + "' is not a twin system property"));
      }
    }
    JsonNode modelNode = body.path("$metadata").path("$model");
    ModelRecord record = null;
    if (!modelNode.isTextual()) {
      problems.add(new Detail("modelMissing", "/$metadata/$model", "a twin needs \"$metadata\": {\"$model\": <DTMI>}"));
    } else if (!Dtmi.isValid(modelNode.asText())) {
      problems.add(new Detail("invalidDtmi", "/$metadata/$model", "'" + modelNode.asText() + "' is not a DTMI"));
    } else {
      record = models.record(new Dtmi(modelNode.asText()));
      if (record == null) {
        problems.add(new Detail("modelNotFound", "/$metadata/$model", "model " + modelNode.asText() + " is not uploaded"));
      }
    }
    if (record != null) {
      ContentValidator.validateTwin(content, record.model(), models.catalog(), problems);
    }
    if (!problems.isEmpty() || record == null) {
      throw new DoppelException(ErrorCode.VALIDATION_FAILED,
          "twin '" + id + "' does not conform to its model: " + problems.get(0).target() + ": "
              + problems.get(0).message(), problems);
    }
    return new Body(record, content);
  }

  /** The stored document: {@code $dtId}, {@code $metadata}, then the members with component metadata. */
  static ObjectNode build(
      String id, InterfaceModel model, ObjectNode content, @Nullable ObjectNode previous, String now) {
    ObjectNode doc = object(content.size() + 2);
    doc.put("$dtId", id);
    ObjectNode metadata = object(content.size() + 2);
    doc.set("$metadata", metadata);
    metadata.put("$model", model.id().value());
    metadata.put("$lastUpdateTime", now);
    ObjectNode previousMetadata = previous == null ? null : (ObjectNode) previous.get("$metadata");
    for (Map.Entry<String, JsonNode> member : content.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      JsonNode old = previous == null ? null : previous.get(name);
      if (model.contents().get(name) instanceof Content.Component && value instanceof ObjectNode object) {
        doc.set(name, component(object, old instanceof ObjectNode o ? o : null, now));
      } else {
        doc.set(name, value);
        metadata.set(name, stamp(value, old, previousMetadata, name, now));
      }
    }
    return doc;
  }

  private static ObjectNode component(ObjectNode value, @Nullable ObjectNode previous, String now) {
    ObjectNode out = value.objectNode();
    ObjectNode metadata = out.putObject("$metadata");
    ObjectNode previousMetadata = previous == null ? null : (ObjectNode) previous.get("$metadata");
    boolean changed = previous == null;
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      if (member.getKey().equals("$metadata")) {
        continue;
      }
      JsonNode old = previous == null ? null : previous.get(member.getKey());
      changed |= old == null || !old.equals(member.getValue());
      out.set(member.getKey(), member.getValue());
      metadata.set(member.getKey(), stamp(member.getValue(), old, previousMetadata, member.getKey(), now));
    }
    if (previous != null && previous.size() != out.size()) {
      changed = true;
    }
    JsonNode oldTime = previousMetadata == null ? null : previousMetadata.get("$lastUpdateTime");
    metadata.put("$lastUpdateTime", changed || oldTime == null ? now : oldTime.asText());
    return out;
  }

  private static JsonNode stamp(
      JsonNode value, @Nullable JsonNode old, @Nullable ObjectNode previousMetadata, String name, String now) {
    JsonNode oldStamp = previousMetadata == null ? null : previousMetadata.get(name);
    if (old != null && oldStamp != null && old.equals(value)) {
      return oldStamp;
    }
    ObjectNode stamp = object(1);
    stamp.put("lastUpdateTime", now);
    return stamp;
  }

  /**
   * A new object for a stored document, over {@link Members} when small: the next patch copies, edits and encodes
   * such objects with array copies and scans instead of hashing and chasing a linked map's entries.
   */
  static ObjectNode object(int expectedMembers) {
    return expectedMembers <= Members.MAX_SMALL
        ? new ObjectNode(JsonNodeFactory.instance, new Members(expectedMembers))
        : JsonNodeFactory.instance.objectNode();
  }

  /** The members of a stored or patched document that are user content. */
  static ObjectNode content(ObjectNode doc) {
    ObjectNode content = doc.objectNode();
    for (Map.Entry<String, JsonNode> member : doc.properties()) {
      if (!member.getKey().startsWith("$")) {
        content.set(member.getKey(), member.getValue());
      }
    }
    return content;
  }

  /**
   * Refuses documents over the limit. Smile shares names and strings of up to 64 bytes, so JSON text is at most
   * about 64 times the Smile size: small encodings cannot be over the limit and skip measuring the JSON. The
   * description of the document is made only for a refusal: every write checks its size.
   */
  static void checkSize(java.util.function.Supplier<String> what, JsonNode document, byte[] encoded) {
    if ((long) encoded.length * 64 < MAX_TWIN_BYTES) {
      return;
    }
    int size = TwinCodec.jsonSize(document);
    if (size > MAX_TWIN_BYTES) {
      throw new DoppelException(ErrorCode.PAYLOAD_TOO_LARGE,
          what.get() + " is " + size + " bytes of JSON; the limit is " + MAX_TWIN_BYTES,
          List.of(new Detail("payloadTooLarge", "/", size + " > " + MAX_TWIN_BYTES + " bytes")));
    }
  }
}
