package io.doppel.history;

import io.doppel.history.spi.ChangeKind;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.model.Dtmi;
import io.doppel.twin.TwinEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Engine events to logged changes and back: a logged change replays as exactly the event it was. */
final class ChangeRecords {
  private ChangeRecords() {}

  static ChangeRecord of(TwinEvent event) {
    long v = event.version();
    long t = event.time().toEpochMilli();
    return switch (event) {
      case TwinEvent.TwinCreated e -> twin(v, t, ChangeKind.TWIN_CREATED, e.twinId(), e.model(), e, null, e.twin(),
          e.stored());
      case TwinEvent.TwinReplaced e -> twin(v, t, ChangeKind.TWIN_REPLACED, e.twinId(), e.model(), e, null, e.twin(),
          e.stored());
      case TwinEvent.TwinPatched e -> twin(v, t, ChangeKind.TWIN_PATCHED, e.twinId(), e.model(), e, e.patch(),
          e.twin(), e.stored());
      case TwinEvent.TwinDeleted e -> twin(v, t, ChangeKind.TWIN_DELETED, e.twinId(), e.model(), e, null, null,
          null);
      case TwinEvent.RelationshipCreated e -> new ChangeRecord(v, t, ChangeKind.RELATIONSHIP_CREATED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(), null, List.of(), e.origin(), null, e.relationship());
      case TwinEvent.RelationshipReplaced e -> new ChangeRecord(v, t, ChangeKind.RELATIONSHIP_REPLACED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(), null, List.of(), e.origin(), null, e.relationship());
      case TwinEvent.RelationshipPatched e -> new ChangeRecord(v, t, ChangeKind.RELATIONSHIP_PATCHED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(), null, List.of(), e.origin(), e.patch(), e.relationship());
      case TwinEvent.RelationshipDeleted e -> new ChangeRecord(v, t, ChangeKind.RELATIONSHIP_DELETED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(), null, List.of(), e.origin(), null, null);
      case TwinEvent.ModelsAdded e -> new ChangeRecord(v, t, ChangeKind.MODELS_ADDED, "", null, null, null, null,
          e.models().stream().map(Dtmi::value).toList(), e.origin(), null, null);
      case TwinEvent.ModelDeleted e -> new ChangeRecord(v, t, ChangeKind.MODEL_DELETED, "", null, null, null,
          e.model().value(), List.of(), e.origin(), null, null);
      case TwinEvent.ModelDecommissioned e -> new ChangeRecord(v, t, ChangeKind.MODEL_DECOMMISSIONED, "", null, null,
          null, e.model().value(), List.of(), e.origin(), null, null);
    };
  }

  private static ChangeRecord twin(long v, long t, ChangeKind kind, String id, Dtmi model, TwinEvent e,
      com.fasterxml.jackson.databind.node.@Nullable ArrayNode patch,
      com.fasterxml.jackson.databind.node.@Nullable ObjectNode doc, byte @Nullable [] stored) {
    return new ChangeRecord(v, t, kind, id, null, null, null, model.value(), List.of(), e.origin(), patch, doc,
        stored);
  }

  /** The event a change was, or null for a state the history recovered itself (never an event). */
  static @Nullable TwinEvent toEvent(ChangeRecord c) {
    Instant t = Instant.ofEpochMilli(c.time());
    long v = c.version();
    return switch (c.kind()) {
      case TWIN_CREATED -> new TwinEvent.TwinCreated(v, t, c.twinId(), model(c), doc(c), c.origin(), stored(c));
      case TWIN_REPLACED -> new TwinEvent.TwinReplaced(v, t, c.twinId(), model(c), doc(c), c.origin(), stored(c));
      case TWIN_PATCHED -> new TwinEvent.TwinPatched(v, t, c.twinId(), model(c), Objects.requireNonNull(c.patch()),
          doc(c), c.origin(), stored(c));
      case TWIN_DELETED -> new TwinEvent.TwinDeleted(v, t, c.twinId(), model(c), c.origin());
      case RELATIONSHIP_CREATED -> new TwinEvent.RelationshipCreated(v, t, c.twinId(), rel(c), target(c), name(c),
          doc(c), c.origin());
      case RELATIONSHIP_REPLACED -> new TwinEvent.RelationshipReplaced(v, t, c.twinId(), rel(c), target(c), name(c),
          doc(c), c.origin());
      case RELATIONSHIP_PATCHED -> new TwinEvent.RelationshipPatched(v, t, c.twinId(), rel(c), target(c), name(c),
          Objects.requireNonNull(c.patch()), doc(c), c.origin());
      case RELATIONSHIP_DELETED -> new TwinEvent.RelationshipDeleted(v, t, c.twinId(), rel(c), target(c), name(c),
          c.origin());
      case MODELS_ADDED -> new TwinEvent.ModelsAdded(v, t, c.models().stream().map(Dtmi::parse).toList(), c.origin());
      case MODEL_DELETED -> new TwinEvent.ModelDeleted(v, t, model(c), c.origin());
      case MODEL_DECOMMISSIONED -> new TwinEvent.ModelDecommissioned(v, t, model(c), c.origin());
      case TWIN_RECOVERED, RELATIONSHIP_RECOVERED -> null;
    };
  }

  private static Dtmi model(ChangeRecord c) {
    return Dtmi.parse(Objects.requireNonNull(c.model(), "model"));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode doc(ChangeRecord c) {
    return Objects.requireNonNull(c.document(), "document");
  }

  private static byte[] stored(ChangeRecord c) {
    byte[] stored = c.storedDocument();
    return stored != null ? stored : io.doppel.twin.StoredDocuments.encode(doc(c));
  }

  private static String rel(ChangeRecord c) {
    return Objects.requireNonNull(c.relationshipId(), "relationshipId");
  }

  private static String target(ChangeRecord c) {
    return Objects.requireNonNull(c.targetId(), "targetId");
  }

  private static String name(ChangeRecord c) {
    return Objects.requireNonNull(c.relationshipName(), "relationshipName");
  }
}
