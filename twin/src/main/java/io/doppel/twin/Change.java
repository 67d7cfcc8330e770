package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A validated change, ready for the sequencer to give a version, persist and apply. */
sealed interface Change {
  Instant time();

  enum Kind { CREATED, REPLACED, PATCHED }

  /**
   * {@code document} is the twin without {@code $etag}; {@code encoded} its Smile bytes; {@code reply} the caller's
   * own copy of it with a {@code $etag} member placed first after {@code $dtId}, filled in once the version is known,
   * or absent when the caller asked only for a {@link WriteResult}.
   */
  record PutTwin(String id, InterfaceModel model, ObjectNode document, byte[] encoded, @Nullable ObjectNode reply,
      Kind kind,
      @Nullable ArrayNode patch, Instant time) implements Change {}

  record DeleteTwin(TwinState old, Instant time) implements Change {}

  record PutRelationship(String sourceId, String id, String targetId, String name, ObjectNode document,
      byte[] encoded, Kind kind, @Nullable ArrayNode patch, Instant time) implements Change {}

  record DeleteRelationship(RelState old, Instant time) implements Change {}

  record AddModels(List<ModelRecord> added, Instant time) implements Change {}

  record DeleteModel(Dtmi id, Instant time) implements Change {}

  record DecommissionModel(ModelRecord updated, Instant time) implements Change {}
}
