package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import java.time.Instant;
import java.util.List;

/**
 * A durable change, published in version order once it is durable. JSON carried by an event is shared between
 * listeners: treat it as read-only.
 */
public sealed interface TwinEvent {
  /** The global version this change was given; strictly increasing across all events. */
  long version();

  Instant time();

  /** Who or what made the change. */
  Origin origin();

  /**
   * A twin was created; {@code twin} is its JSON as stored (without {@code $etag}), {@code stored} the same document
   * as the engine stored it ({@link StoredDocuments}; shared, read-only).
   */
  record TwinCreated(long version, Instant time, String twinId, Dtmi model, ObjectNode twin, Origin origin,
      byte[] stored) implements TwinEvent {
    public TwinCreated(long version, Instant time, String twinId, Dtmi model, ObjectNode twin, Origin origin) {
      this(version, time, twinId, model, twin, origin, StoredDocuments.encode(twin));
    }
  }

  /** A twin was replaced as a whole by a PUT. */
  record TwinReplaced(long version, Instant time, String twinId, Dtmi model, ObjectNode twin, Origin origin,
      byte[] stored) implements TwinEvent {
    public TwinReplaced(long version, Instant time, String twinId, Dtmi model, ObjectNode twin, Origin origin) {
      this(version, time, twinId, model, twin, origin, StoredDocuments.encode(twin));
    }
  }

  /**
   * A twin was patched; {@code patch} is the JSON Patch relative to the twin's root (a component patch has its
   * paths prefixed with the component name) and {@code twin} the result ({@code stored} as the engine stored it).
   */
  record TwinPatched(long version, Instant time, String twinId, Dtmi model, ArrayNode patch, ObjectNode twin,
      Origin origin, byte[] stored) implements TwinEvent {
    public TwinPatched(
        long version, Instant time, String twinId, Dtmi model, ArrayNode patch, ObjectNode twin, Origin origin) {
      this(version, time, twinId, model, patch, twin, origin, StoredDocuments.encode(twin));
    }
  }

  record TwinDeleted(long version, Instant time, String twinId, Dtmi model, Origin origin) implements TwinEvent {}

  record RelationshipCreated(long version, Instant time, String sourceId, String relationshipId, String targetId,
      String name, ObjectNode relationship, Origin origin) implements TwinEvent {}

  record RelationshipReplaced(long version, Instant time, String sourceId, String relationshipId, String targetId,
      String name, ObjectNode relationship, Origin origin) implements TwinEvent {}

  record RelationshipPatched(long version, Instant time, String sourceId, String relationshipId, String targetId,
      String name, ArrayNode patch, ObjectNode relationship, Origin origin) implements TwinEvent {}

  record RelationshipDeleted(long version, Instant time, String sourceId, String relationshipId, String targetId,
      String name, Origin origin) implements TwinEvent {}

  record ModelsAdded(long version, Instant time, List<Dtmi> models, Origin origin) implements TwinEvent {
    public ModelsAdded {
      models = List.copyOf(models);
    }
  }

  record ModelDeleted(long version, Instant time, Dtmi model, Origin origin) implements TwinEvent {}

  record ModelDecommissioned(long version, Instant time, Dtmi model, Origin origin) implements TwinEvent {}
}
