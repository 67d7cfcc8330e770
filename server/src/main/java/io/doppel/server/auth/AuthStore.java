package io.doppel.server.auth;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small ordered key-value store for keys, policies and the audit log. Writes are durable when they return (the
 * RocksDB one syncs each write), so an acknowledged key creation or audit entry survives kill -9.
 */
public interface AuthStore extends AutoCloseable {
  void put(String key, String value);

  /** Writes every entry at once, durable together (one synced batch). */
  void putAll(Map<String, String> entries);

  Optional<String> get(String key);

  void delete(String key);

  /** Every entry whose key starts with {@code prefix}, in key order, strictly after {@code after} when given. */
  SortedMap<String, String> scan(String prefix, String after, int limit);

  /** The entry with the greatest key under {@code prefix}, if any (the audit log's head). */
  Optional<Map.Entry<String, String>> last(String prefix);

  @Override
  void close();

  /** A store that lives and dies with the process: servers without a data directory. */
  static AuthStore inMemory() {
    return new MemoryAuthStore();
  }

  /** A synchronised sorted map. */
  final class MemoryAuthStore implements AuthStore {
    private final TreeMap<String, String> map = new TreeMap<>();

    @Override
    public synchronized void put(String key, String value) {
      map.put(key, value);
    }

    @Override
    public synchronized void putAll(Map<String, String> entries) {
      map.putAll(entries);
    }

    @Override
    public synchronized Optional<String> get(String key) {
      return Optional.ofNullable(map.get(key));
    }

    @Override
    public synchronized void delete(String key) {
      map.remove(key);
    }

    @Override
    public synchronized SortedMap<String, String> scan(String prefix, String after, int limit) {
      SortedMap<String, String> out = new TreeMap<>();
      String from = after.isEmpty() || after.compareTo(prefix) < 0 ? prefix : after + "\u0000";
      for (var e : map.tailMap(from, true).entrySet()) {
        if (!e.getKey().startsWith(prefix) || out.size() >= limit) {
          break;
        }
        out.put(e.getKey(), e.getValue());
      }
      return out;
    }

    @Override
    public synchronized Optional<Map.Entry<String, String>> last(String prefix) {
      var e = map.floorEntry(prefix + "\uffff");
      return e != null && e.getKey().startsWith(prefix) ? Optional.of(Map.entry(e.getKey(), e.getValue()))
          : Optional.empty();
    }

    @Override
    public void close() {}
  }
}
