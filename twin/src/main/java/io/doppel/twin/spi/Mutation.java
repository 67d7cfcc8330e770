package io.doppel.twin.spi;

/** One change inside a committed batch. A batch is applied by the store atomically: all or nothing. */
public sealed interface Mutation {
  record PutModel(StoredModel model) implements Mutation {}

  record DeleteModel(String id) implements Mutation {}

  record PutTwin(StoredTwin twin) implements Mutation {}

  record DeleteTwin(String id) implements Mutation {}

  record PutRelationship(StoredRelationship relationship) implements Mutation {}

  record DeleteRelationship(String sourceId, String id) implements Mutation {}

  /** Defines a property index (idempotent: putting an existing definition again changes nothing). */
  record PutIndex(StoredIndex index) implements Mutation {}

  record DeleteIndex(String path) implements Mutation {}
}
