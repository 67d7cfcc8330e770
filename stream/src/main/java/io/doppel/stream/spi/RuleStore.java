package io.doppel.stream.spi;

import java.util.Map;

/**
 * Rule definitions by id, each its JSON text as accepted. A {@link #put} or {@link #delete} is durable when it
 * returns. Implementations are thread-safe.
 */
public interface RuleStore extends AutoCloseable {
  /** Every stored definition by id, in id order. */
  Map<String, String> load();

  void put(String id, String definitionJson);

  void delete(String id);

  @Override
  void close();

  /** A store that forgets everything when the process ends: for tests and in-memory servers. */
  static RuleStore inMemory() {
    return new InMemoryRuleStore();
  }
}
