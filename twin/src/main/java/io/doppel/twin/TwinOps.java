package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.patch.JsonPatch;
import io.doppel.twin.patch.JsonPointer;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The twin writes that read only the twin itself and the models, so callers can prepare them in parallel. */
final class TwinOps {
  private TwinOps() {}

  static String describe(String id) {
    return "twin '" + id + "'";
  }

  /** PUT: create or replace a whole twin. */
  record Put(String twinId, ObjectNode body, Precondition pre) implements Op.TwinOp {
    @Override
    public Change prepare(@Nullable TwinState current, Models models, Instant now, RecentTrees trees) {
      Etags.check(pre, current == null ? null : current.version(), describe(twinId));
      TwinDocs.Body parsed = TwinDocs.read(twinId, body, models);
      InterfaceModel model = parsed.model().model();
      if (parsed.model().decommissioned() && (current == null || !current.model().equals(model.id()))) {
        throw new DoppelException(ErrorCode.MODEL_DECOMMISSIONED,
            "model " + model.id() + " is decommissioned: no new twins may use it",
            List.of(new Detail("modelDecommissioned", "/$metadata/$model", model.id().value())));
      }
      ObjectNode doc = TwinDocs.build(twinId, model, parsed.content(), null, Timestamps.format(now));
      byte[] encoded = TwinCodec.encode(doc);
      TwinDocs.checkSize(() -> describe(twinId), doc, encoded);
      return new Change.PutTwin(twinId, model, doc, encoded, Etags.replyOf(doc),
          current == null ? Change.Kind.CREATED : Change.Kind.REPLACED, null, now);
    }
  }

  /**
   * PATCH of a twin, or of one of its components (then {@code patch} is already rooted at the twin); with
   * {@code replyWithDocument} unset the write answers a {@link WriteResult}, sparing a copy of the twin.
   */
  record Patch(String twinId, JsonPatch patch, Precondition pre, @Nullable String component,
      boolean replyWithDocument) implements Op.TwinOp {
    @Override
    public Change prepare(@Nullable TwinState current, Models models, Instant now, RecentTrees trees) {
      if (current == null) {
        throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, describe(twinId) + " does not exist");
      }
      if (!pre.isNone()) {
        // Only then: the description and the boxed version are garbage on the path every patch takes.
        Etags.check(pre, current.version(), describe(twinId));
      }
      ObjectNode shared = trees.get(current);
      // Read-only from here on: it may be the shared tree of the current state.
      ObjectNode previous = shared != null ? shared : TwinCodec.decode(current.document());
      String time = Timestamps.format(now);
      ModelRecord record = component == null ? models.record(current.model()) : null;
      ObjectNode edited = record == null ? null
          : PropertyPatch.apply(current, record.model(), patch, TwinCodec.editableCopy(previous), time);
      if (edited != null) {
        return change(edited, record.model(), now);
      }
      if (component != null) {
        requireComponent(twinId, component, previous, models);
      }
      JsonNode patched = patch.apply(previous);
      if (!(patched instanceof ObjectNode result)) {
        throw new DoppelException(ErrorCode.PATCH_INVALID, "the patched twin is not a JSON object",
            List.of(new Detail("notAnObject", "", "the patch must leave an object")));
      }
      TwinDocs.Body parsed = TwinDocs.read(twinId, result, models);
      InterfaceModel model = parsed.model().model();
      if (parsed.model().decommissioned() && !current.model().equals(model.id())) {
        throw new DoppelException(ErrorCode.MODEL_DECOMMISSIONED, "model " + model.id() + " is decommissioned");
      }
      return change(TwinDocs.build(twinId, model, parsed.content(), previous, time), model, now);
    }

    private Change change(ObjectNode doc, InterfaceModel model, Instant now) {
      byte[] encoded = TwinCodec.encode(doc);
      TwinDocs.checkSize(() -> describe(twinId), doc, encoded);
      return new Change.PutTwin(twinId, model, doc, encoded, replyWithDocument ? Etags.replyOf(doc) : null,
          Change.Kind.PATCHED, patch.json(), now);
    }
  }

  static void requireComponent(String twinId, String component, ObjectNode doc, Models models) {
    ModelRecord record = models.record(new io.doppel.model.Dtmi(doc.path("$metadata").path("$model").asText()));
    boolean declared = record != null
        && record.model().contents().get(component) instanceof Content.Component;
    if (!declared || !doc.has(component)) {
      throw new DoppelException(ErrorCode.COMPONENT_NOT_FOUND,
          describe(twinId) + " has no component '" + component + "'",
          List.of(new Detail("componentNotFound", "/" + JsonPointer.escape(component), component)));
    }
  }

  /**
   * Refuses patches that write system members: {@code $dtId}, {@code $etag}, {@code $metadata} (except replacing
   * {@code /$metadata/$model}, which changes the twin's model as ADT allows) and components' {@code $metadata}.
   */
  static void checkTwinPatch(JsonPatch patch) {
    for (JsonPatch.Operation op : patch.operations()) {
      if (op.kind() == JsonPatch.Kind.TEST) {
        continue;
      }
      boolean modelChange = op.kind() == JsonPatch.Kind.REPLACE
          && op.path().tokens().equals(List.of("$metadata", "$model"));
      if (!modelChange) {
        forbidSystem(op, op.path());
      }
      if (op.kind() == JsonPatch.Kind.MOVE && op.from() != null) {
        forbidSystem(op, op.from());
      }
    }
  }

  private static void forbidSystem(JsonPatch.Operation op, JsonPointer path) {
    List<String> t = path.tokens();
    boolean system = t.isEmpty() || t.get(0).startsWith("$") || (t.size() >= 2 && t.get(1).equals("$metadata"));
    if (system) {
      throw new DoppelException(ErrorCode.PATCH_INVALID,
          "operation " + op.index() + ": '" + path + "' is a system member and cannot be patched",
          List.of(new Detail("systemPropertyPatch", path.text(),
              "operation " + op.index() + " (" + op.kind().name().toLowerCase(java.util.Locale.ROOT)
                  + ") writes a system member")));
    }
  }
}
