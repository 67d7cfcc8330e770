package io.doppel.predict.warning;

import java.util.Map;

/**
 * Warning definitions by name, each its JSON text as accepted. A {@link #put} or {@link #delete} is durable when it
 * returns; the server keeps them in a store of the same kind as the rules'.
 */
public interface WarningStore extends AutoCloseable {
  /** Every stored definition by name. */
  Map<String, String> load();

  void put(String name, String definitionJson);

  void delete(String name);

  /** Releases the store; the monitor that owns it calls this when it closes. */
  @Override
  default void close() {}

  /** A store that forgets everything when the process ends: for tests and in-memory servers. */
  static WarningStore inMemory() {
    Map<String, String> map = new java.util.concurrent.ConcurrentSkipListMap<>();
    return new WarningStore() {
      @Override
      public Map<String, String> load() {
        return Map.copyOf(map);
      }

      @Override
      public void put(String name, String definitionJson) {
        map.put(name, definitionJson);
      }

      @Override
      public void delete(String name) {
        map.remove(name);
      }
    };
  }
}
