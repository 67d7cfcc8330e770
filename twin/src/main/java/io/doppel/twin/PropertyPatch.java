package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.patch.JsonPatch;
import io.doppel.twin.patch.JsonPointer;
import io.doppel.twin.validation.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The common patch, in place and without re-validating the whole twin: every operation adds or replaces a
 * top-level Property ({@code /temperature}) of a twin last validated against the very model instance still
 * uploaded. The members the patch does not write are then known valid, so only the written values are checked,
 * and the stored document is edited directly instead of being rebuilt. The result is the one
 * {@link TwinDocs#build} gives (a property test holds this); anything else, including any refusal, takes the
 * general path so that errors stay exactly as they were.
 */
final class PropertyPatch {
  private PropertyPatch() {}

  /**
   * The patched document, made by editing {@code document} (the decoded current twin, owned by the caller) in
   * place; or {@code null}, leaving {@code document} untouched, when the patch is not of this kind or would fail.
   */
  static @Nullable ObjectNode apply(TwinState current, InterfaceModel model, JsonPatch patch, ObjectNode document,
      String now) {
    if (current.validatedAgainst() != model || !(document.get("$metadata") instanceof ObjectNode metadata)) {
      return null;
    }
    List<JsonPatch.Operation> ops = patch.operations();
    List<String> written = new ArrayList<>(ops.size());
    List<String> names = new ArrayList<>(ops.size());
    List<Detail> problems = new ArrayList<>(0);
    for (JsonPatch.Operation op : ops) {
      List<String> tokens = op.path().tokens();
      if (tokens.size() != 1 || (op.kind() != JsonPatch.Kind.ADD && op.kind() != JsonPatch.Kind.REPLACE)) {
        return null;
      }
      String token = tokens.get(0);
      if (token.startsWith("$") || !(model.contents().get(token) instanceof Content.Property property)) {
        return null;
      }
      // The model's own name string, shared by every twin of the model, keys the edited members: the patch's
      // token is a fresh string whose hash the next patch's lookups and the encoder would compute again.
      String name = property.name();
      boolean present = document.has(name) || written.contains(name);
      if (op.kind() == JsonPatch.Kind.REPLACE && !present) {
        return null;
      }
      SchemaValidator.validate(java.util.Objects.requireNonNull(op.value()), property.schema(),
          "/" + JsonPointer.escape(name), problems);
      if (!problems.isEmpty()) {
        return null;
      }
      if (!written.contains(name)) {
        written.add(name);
      }
      names.add(name);
    }
    // Everything holds: edit. Values before the patch decide which stamps keep their time.
    List<@Nullable JsonNode> before = new ArrayList<>(written.size());
    for (String name : written) {
      before.add(document.get(name));
    }
    for (int i = 0; i < ops.size(); i++) {
      document.set(names.get(i), java.util.Objects.requireNonNull(ops.get(i).value()).deepCopy());
    }
    metadata.put("$lastUpdateTime", now);
    for (int i = 0; i < written.size(); i++) {
      String name = written.get(i);
      JsonNode old = before.get(i);
      if (old == null || metadata.get(name) == null || !old.equals(document.get(name))) {
        ObjectNode stamp = TwinDocs.object(1);
        stamp.put("lastUpdateTime", now);
        metadata.set(name, stamp);
      }
    }
    return document;
  }
}
