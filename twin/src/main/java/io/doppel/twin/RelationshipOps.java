package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.patch.JsonPatch;
import io.doppel.twin.patch.JsonPointer;
import io.doppel.twin.validation.ContentValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Relationship writes: they read the source, the target and the source's other relationships. */
final class RelationshipOps {
  private RelationshipOps() {}

  static String describe(String sourceId, String id) {
    return "relationship '" + id + "' of twin '" + sourceId + "'";
  }

  record Put(String sourceId, String relationshipId, ObjectNode body, Precondition pre) implements Op.GraphOp {
    @Override
    public Change prepare(StateView state, Instant now) {
      RelState existing = existing(state, sourceId, relationshipId, false);
      Etags.check(pre, existing == null ? null : existing.version(), describe(sourceId, relationshipId));
      return build(state, sourceId, relationshipId, body, existing,
          existing == null ? Change.Kind.CREATED : Change.Kind.REPLACED, null, now);
    }
  }

  record Patch(String sourceId, String relationshipId, JsonPatch patch, Precondition pre) implements Op.GraphOp {
    @Override
    public Change prepare(StateView state, Instant now) {
      RelState existing = Objects.requireNonNull(existing(state, sourceId, relationshipId, true));
      Etags.check(pre, existing.version(), describe(sourceId, relationshipId));
      JsonNode patched = patch.apply(TwinCodec.decode(existing.document()));
      if (!(patched instanceof ObjectNode result)) {
        throw new DoppelException(ErrorCode.PATCH_INVALID, "the patched relationship is not a JSON object");
      }
      return build(state, sourceId, relationshipId, result, existing, Change.Kind.PATCHED, patch.json(), now);
    }
  }

  record Delete(String sourceId, String relationshipId, Precondition pre) implements Op.GraphOp {
    @Override
    public Change prepare(StateView state, Instant now) {
      RelState existing = Objects.requireNonNull(existing(state, sourceId, relationshipId, true));
      Etags.check(pre, existing.version(), describe(sourceId, relationshipId));
      return new Change.DeleteRelationship(existing, now);
    }
  }

  /** Refuses patches of the {@code $} members: id, source, target, name and ETag are not patchable. */
  static void checkPatch(JsonPatch patch) {
    for (JsonPatch.Operation op : patch.operations()) {
      if (op.kind() != JsonPatch.Kind.TEST && (op.path().isRoot() || op.path().head().startsWith("$")
          || (op.from() != null && op.kind() == JsonPatch.Kind.MOVE && op.from().head().startsWith("$")))) {
        throw new DoppelException(ErrorCode.PATCH_INVALID,
            "operation " + op.index() + ": '" + op.path() + "' is a system member and cannot be patched",
            List.of(new Detail("systemPropertyPatch", op.path().text(), "operation " + op.index())));
      }
    }
  }

  private static @Nullable RelState existing(StateView state, String sourceId, String id, boolean required) {
    if (state.twin(sourceId) == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, "twin '" + sourceId + "' does not exist");
    }
    RelState rel = state.relationship(sourceId, id);
    if (rel == null && required) {
      throw new DoppelException(ErrorCode.RELATIONSHIP_NOT_FOUND, describe(sourceId, id) + " does not exist");
    }
    return rel;
  }

  private static Change build(StateView state, String sourceId, String id, ObjectNode body,
      @Nullable RelState existing, Change.Kind kind, @Nullable ArrayNode patch,
      Instant now) {
    List<Detail> problems = new ArrayList<>();
    String name = text(body, "$relationshipName", problems);
    String targetId = text(body, "$targetId", problems);
    same(body, "$relationshipId", id, problems);
    same(body, "$sourceId", sourceId, problems);
    ObjectNode properties = body.objectNode();
    for (Map.Entry<String, JsonNode> member : body.properties()) {
      String key = member.getKey();
      if (!key.startsWith("$")) {
        properties.set(key, member.getValue());
      } else if (!List.of("$relationshipName", "$targetId", "$relationshipId", "$sourceId", "$etag").contains(key)) {
        problems.add(new Detail("unknownSystemProperty", "/" + key, "'" + key + "' is not a relationship member"));
      }
    }
    fail(sourceId, id, problems);
    TwinState source = Objects.requireNonNull(state.twin(sourceId));
    InterfaceModel model = state.models().catalog().get(source.model()).orElse(null);
    if (model == null) {
      problems.add(new Detail("modelNotFound", "/$sourceId", "the model " + source.model() + " of twin '"
          + sourceId + "' is no longer uploaded"));
      fail(sourceId, id, problems);
    }
    if (!(Objects.requireNonNull(model).contents().get(name) instanceof Content.Relationship relationship)) {
      problems.add(new Detail("relationshipNotInModel", "/$relationshipName",
          "model " + source.model() + " has no relationship '" + name + "'"));
      fail(sourceId, id, problems);
      throw new IllegalStateException("unreachable");
    }
    TwinState target = state.twin(targetId);
    if (target == null) {
      throw new DoppelException(ErrorCode.RELATIONSHIP_TARGET_NOT_FOUND,
          "target twin '" + targetId + "' does not exist", List.of(new Detail("targetNotFound", "/$targetId",
              "twin '" + targetId + "' does not exist")));
    }
    if (relationship.target() != null && !state.models().catalog().isA(target.model(), relationship.target())) {
      problems.add(new Detail("targetModelMismatch", "/$targetId", "relationship '" + name + "' must target a "
          + relationship.target() + " (or a subtype); twin '" + targetId + "' is a " + target.model()));
    }
    ContentValidator.validateRelationship(properties, relationship, problems);
    Integer max = relationship.maxMultiplicity();
    if (max != null) {
      long others = state.outgoing(sourceId).stream()
          .filter(r -> r.name().equals(name) && !r.id().equals(id)).count();
      if (others + 1 > max) {
        problems.add(new Detail("maxMultiplicityExceeded", "/$relationshipName", "twin '" + sourceId + "' already has "
            + others + " '" + name + "' relationships; maxMultiplicity is " + max));
      }
    }
    fail(sourceId, id, problems);
    ObjectNode doc = body.objectNode();
    doc.put("$relationshipId", id);
    doc.put("$sourceId", sourceId);
    doc.put("$targetId", targetId);
    doc.put("$relationshipName", name);
    doc.setAll(properties);
    byte[] encoded = TwinCodec.encode(doc);
    TwinDocs.checkSize(() -> describe(sourceId, id), doc, encoded);
    return new Change.PutRelationship(sourceId, id, targetId, name, doc, encoded, kind, patch, now);
  }

  private static String text(ObjectNode body, String member, List<Detail> problems) {
    JsonNode value = body.get(member);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      problems.add(new Detail("missingMember", "/" + JsonPointer.escape(member), member + " must be a non-empty string"));
      return "";
    }
    return value.asText();
  }

  private static void same(ObjectNode body, String member, String expected, List<Detail> problems) {
    JsonNode value = body.get(member);
    if (value != null && !(value.isTextual() && value.asText().equals(expected))) {
      problems.add(new Detail("idMismatch", "/" + member, member + " must be absent or '" + expected + "'"));
    }
  }

  private static void fail(String sourceId, String id, List<Detail> problems) {
    if (!problems.isEmpty()) {
      throw new DoppelException(ErrorCode.VALIDATION_FAILED, describe(sourceId, id) + " is invalid: "
          + problems.get(0).target() + ": " + problems.get(0).message(), problems);
    }
  }
}
