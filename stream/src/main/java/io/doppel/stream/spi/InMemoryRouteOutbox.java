package io.doppel.stream.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The outbox in memory: what an in-memory server uses; nothing survives a restart. */
final class InMemoryRouteOutbox implements RouteOutbox {
  private final Map<String, String> definitions = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<Long, OutboxEntry>> outboxes = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<Long, ParkedLetter>> parked = new ConcurrentHashMap<>();

  @Override
  public void saveRoute(String routeId, String definition) {
    definitions.put(routeId, definition);
  }

  @Override
  public synchronized void deleteRoute(String routeId) {
    definitions.remove(routeId);
    outboxes.remove(routeId);
    parked.remove(routeId);
  }

  @Override
  public Map<String, String> routes() {
    return new TreeMap<>(definitions);
  }

  @Override
  public synchronized void append(List<RoutedEntry> entries) {
    for (RoutedEntry e : entries) {
      outbox(e.routeId()).put(e.entry().version(), e.entry());
    }
  }

  @Override
  public List<OutboxEntry> read(String routeId, long afterVersion, int limit) {
    List<OutboxEntry> out = new ArrayList<>(Math.min(limit, 256));
    for (OutboxEntry e : outbox(routeId).tailMap(afterVersion, false).values()) {
      if (out.size() == limit) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  @Override
  public void remove(String routeId, long upToVersion) {
    outbox(routeId).headMap(upToVersion, true).clear();
  }

  @Override
  public synchronized void park(String routeId, ParkedLetter letter) {
    outbox(routeId).remove(letter.entry().version());
    parked.computeIfAbsent(routeId, k -> new ConcurrentSkipListMap<>()).put(letter.entry().version(), letter);
  }

  @Override
  public List<ParkedLetter> letters(String routeId, long afterVersion, int limit) {
    NavigableMap<Long, ParkedLetter> all = parked.getOrDefault(routeId, new ConcurrentSkipListMap<>());
    return all.tailMap(afterVersion, false).values().stream().limit(limit).toList();
  }

  @Override
  public boolean removeLetter(String routeId, long version) {
    var letters = parked.get(routeId);
    return letters != null && letters.remove(version) != null;
  }

  @Override
  public long count(String routeId) {
    return outbox(routeId).size();
  }

  @Override
  public long letterCount(String routeId) {
    var letters = parked.get(routeId);
    return letters == null ? 0 : letters.size();
  }

  private ConcurrentSkipListMap<Long, OutboxEntry> outbox(String routeId) {
    return outboxes.computeIfAbsent(routeId, k -> new ConcurrentSkipListMap<>());
  }

  @Override
  public void close() {}
}
