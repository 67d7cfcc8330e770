package io.doppel.history.spi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Origin;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One logged change: enough to answer a twin's change history, to roll the graph back past it, and to replay it as
 * the engine's event. JSON is shared: treat it as read-only.
 *
 * @param version the engine version of the change (a recovered state has the version of the entity's last change)
 * @param time when the engine made it, epoch milliseconds
 * @param twinId the twin; for a relationship its source; empty for a model change
 * @param relationshipId a relationship change's id, else null
 * @param targetId a relationship change's target, else null
 * @param relationshipName a relationship change's name, else null
 * @param model the twin's model (twin changes) or the model concerned (model deletes, decommissions), else null
 * @param models the models a {@link ChangeKind#MODELS_ADDED} added, else empty
 * @param patch the JSON Patch of a patch, else null
 * @param document the twin's or relationship's JSON after the change (without {@code $etag}), null for deletes and
 *     model changes
 * @param storedDocument {@code document} as the engine stored it ({@link io.doppel.twin.StoredDocuments}) when the
 *     change came with it, else null: a log keeps these bytes rather than encoding the tree again
 */
public record ChangeRecord(long version, long time, ChangeKind kind, String twinId, @Nullable String relationshipId,
    @Nullable String targetId, @Nullable String relationshipName, @Nullable String model, List<String> models,
    Origin origin, @Nullable ArrayNode patch, @Nullable ObjectNode document, byte @Nullable [] storedDocument) {

  public ChangeRecord {
    models = List.copyOf(models);
  }

  /** A change without the document's stored form (a log encodes the tree). */
  public ChangeRecord(long version, long time, ChangeKind kind, String twinId, @Nullable String relationshipId,
      @Nullable String targetId, @Nullable String relationshipName, @Nullable String model, List<String> models,
      Origin origin, @Nullable ArrayNode patch, @Nullable ObjectNode document) {
    this(version, time, kind, twinId, relationshipId, targetId, relationshipName, model, models, origin, patch,
        document, null);
  }

  /** {@code storedDocument} is another form of {@code document}, which is compared: it makes no change differ. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ChangeRecord c && version == c.version && time == c.time && kind == c.kind
        && twinId.equals(c.twinId) && java.util.Objects.equals(relationshipId, c.relationshipId)
        && java.util.Objects.equals(targetId, c.targetId)
        && java.util.Objects.equals(relationshipName, c.relationshipName) && java.util.Objects.equals(model, c.model)
        && models.equals(c.models) && origin.equals(c.origin) && java.util.Objects.equals(patch, c.patch)
        && java.util.Objects.equals(document, c.document);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(version, time, kind, twinId, relationshipId, targetId, relationshipName, model,
        models, origin, patch, document);
  }

  /** The twin or relationship this change is to: the unit the graph is rolled back by. */
  public String entity() {
    return kind.isModel() ? modelEntity() : kind.isRelationship()
        ? relationshipEntity(twinId, java.util.Objects.requireNonNull(relationshipId)) : twinEntity(twinId);
  }

  public static String twinEntity(String twinId) {
    return "T" + twinId;
  }

  /** Ids hold no control characters, so NUL separates source and relationship unambiguously. */
  public static String relationshipEntity(String sourceId, String relationshipId) {
    return "R" + sourceId + '\u0000' + relationshipId;
  }

  public static String modelEntity() {
    return "M";
  }
}
