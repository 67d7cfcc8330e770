package io.doppel.twin.spi;

/** Receives everything a store holds when the engine opens it; called from one thread. */
public interface LoadSink {
  void model(StoredModel model);

  void twin(StoredTwin twin);

  void relationship(StoredRelationship relationship);

  /** A property index definition; stores may stream these at any point of the load. */
  void index(StoredIndex index);
}
