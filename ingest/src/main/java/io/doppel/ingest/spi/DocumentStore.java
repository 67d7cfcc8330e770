package io.doppel.ingest.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Versioned documents by id (mapping definitions, connector configurations): each {@link #put} stores the next
 * version and keeps the older ones readable. Version numbers never repeat for an id, not even after a delete, so
 * that a dead letter's {@code mapping@version} never names two different definitions. Writes are durable when
 * they return.
 */
public interface DocumentStore extends AutoCloseable {
  record StoredDocument(String id, int version, String text, Instant storedAt) {}

  /** Stores {@code text} as the next version of {@code id}. */
  StoredDocument put(String id, String text, Instant at);

  Optional<StoredDocument> latest(String id);

  Optional<StoredDocument> version(String id, int version);

  /** The versions of {@code id} kept, oldest first (empty once deleted). */
  List<Integer> versions(String id);

  /** The latest version of every document not deleted, by id. */
  List<StoredDocument> latestAll();

  /** Removes every version; false when there was none. */
  boolean delete(String id);

  @Override
  void close();

  static DocumentStore inMemory() {
    return new InMemoryDocumentStore();
  }
}
