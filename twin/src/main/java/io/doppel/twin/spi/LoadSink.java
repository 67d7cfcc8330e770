package io.doppel.twin.spi;

/** Receives everything a store holds when the engine opens it; called from one thread. */
public interface LoadSink {
  void model(StoredModel model);

  void twin(StoredTwin twin);

  void relationship(StoredRelationship relationship);
}
