package io.doppel.ingest.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Versioned documents in memory, for tests and a server run without a data directory. */
final class InMemoryDocumentStore implements DocumentStore {
  private final TreeMap<String, TreeMap<Integer, StoredDocument>> documents = new TreeMap<>();
  private final Map<String, Integer> lastVersion = new HashMap<>();

  @Override
  public synchronized StoredDocument put(String id, String text, Instant at) {
    int version = lastVersion.merge(id, 1, Integer::sum);
    StoredDocument doc = new StoredDocument(id, version, text, at);
    documents.computeIfAbsent(id, k -> new TreeMap<>()).put(version, doc);
    return doc;
  }

  @Override
  public synchronized Optional<StoredDocument> latest(String id) {
    TreeMap<Integer, StoredDocument> versions = documents.get(id);
    return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
  }

  @Override
  public synchronized Optional<StoredDocument> version(String id, int version) {
    TreeMap<Integer, StoredDocument> versions = documents.get(id);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  @Override
  public synchronized List<Integer> versions(String id) {
    TreeMap<Integer, StoredDocument> versions = documents.get(id);
    return versions == null ? List.of() : List.copyOf(versions.keySet());
  }

  @Override
  public synchronized List<StoredDocument> latestAll() {
    List<StoredDocument> out = new ArrayList<>();
    documents.values().forEach(v -> out.add(v.lastEntry().getValue()));
    return out;
  }

  @Override
  public synchronized boolean delete(String id) {
    return documents.remove(id) != null;
  }

  @Override
  public void close() {}
}
