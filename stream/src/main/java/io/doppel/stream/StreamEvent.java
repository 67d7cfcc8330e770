package io.doppel.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.StoredDocuments;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One engine event as the stream keeps it: the fields filters look at, and the CloudEvent already encoded once for
 * every subscriber.
 *
 * @param version the engine version of the change: the event's cursor and CloudEvent {@code id}
 * @param type what happened
 * @param twinId the twin of a twin event; null for relationship and model events
 * @param models for a twin event its model and every model that model extends (so a filter on a base model finds
 *     twins of derived models); for a model event the models concerned and their ancestors; empty for relationships
 * @param relationshipName a relationship event's name; null otherwise
 * @param sourceId a relationship event's source twin; null otherwise
 * @param targetId a relationship event's target twin; null otherwise
 * @param json the CloudEvent, JSON on one line
 * @param state a patched twin's document after the change as the engine stored it ({@link StoredDocuments}), for
 *     {@code where} filters (a created or replaced twin's is the CloudEvent's {@code data}); null for other events,
 *     or when no filter needs it. The engine's own bytes: keeping them costs no encoding, and they are smaller than
 *     the JSON
 */
public record StreamEvent(
    long version,
    EventType type,
    @Nullable String twinId,
    Set<Dtmi> models,
    @Nullable String relationshipName,
    @Nullable String sourceId,
    @Nullable String targetId,
    String json,
    byte @Nullable [] state) {

  public StreamEvent {
    models = Set.copyOf(models);
  }

  /** An event that carries no twin state. */
  public StreamEvent(long version, EventType type, @Nullable String twinId, Set<Dtmi> models,
      @Nullable String relationshipName, @Nullable String sourceId, @Nullable String targetId, String json) {
    this(version, type, twinId, models, relationshipName, sourceId, targetId, json, null);
  }

  /** The patched twin's document after the change, a fresh tree; null when the event carries none. */
  public @Nullable ObjectNode stateTree() {
    return state == null ? null : StoredDocuments.decode(state);
  }

  /** What the ring counts against its byte budget: the encoded text and state dominate. */
  long weight() {
    return 64L + json.length() + (state == null ? 0 : state.length);
  }
}
