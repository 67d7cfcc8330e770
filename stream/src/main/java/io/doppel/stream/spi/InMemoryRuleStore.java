package io.doppel.stream.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link RuleStore#inMemory()}. */
final class InMemoryRuleStore implements RuleStore {
  private final Map<String, String> rules = new ConcurrentSkipListMap<>();

  @Override
  public Map<String, String> load() {
    return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rules));
  }

  @Override
  public void put(String id, String definitionJson) {
    rules.put(id, definitionJson);
  }

  @Override
  public void delete(String id) {
    rules.remove(id);
  }

  @Override
  public void close() {}
}
