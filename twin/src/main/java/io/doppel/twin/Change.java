package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A validated change, ready for the sequencer to give a version, persist and apply. */
sealed interface Change {
  Instant time();

  enum Kind { CREATED, REPLACED, PATCHED }

  /** {@code document} is the twin without {@code $etag}; {@code encoded} its Smile bytes. */
  record PutTwin(String id, Dtmi model, ObjectNode document, byte[] encoded, Kind kind, @Nullable ArrayNode patch,
      Instant time) implements Change {}

  record DeleteTwin(TwinState old, Instant time) implements Change {}

  record PutRelationship(String sourceId, String id, String targetId, String name, ObjectNode document,
      byte[] encoded, Kind kind, @Nullable ArrayNode patch, Instant time) implements Change {}

  record DeleteRelationship(RelState old, Instant time) implements Change {}

  record AddModels(List<ModelRecord> added, Instant time) implements Change {}

  record DeleteModel(Dtmi id, Instant time) implements Change {}

  record DecommissionModel(ModelRecord updated, Instant time) implements Change {}
}
