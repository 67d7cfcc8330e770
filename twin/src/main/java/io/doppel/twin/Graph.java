package io.doppel.twin;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The committed twin graph. Readers on any thread see committed state only; the sequencer is the only writer. Per-
 * twin relationship maps are immutable and replaced on change, so a reader never sees one half-updated.
 */
final class Graph implements StateView {
  // A hash map for the hot path (every write and read looks a twin up) and a sorted id set for paging only.
  private final Map<String, TwinState> twins = new ConcurrentHashMap<>(1 << 16);
  private final ConcurrentSkipListSet<String> ids = new ConcurrentSkipListSet<>();
  private final Map<String, NavigableMap<String, RelState>> outgoing = new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<String, RelState>> incoming = new ConcurrentHashMap<>();
  private final AtomicLong twinCount = new AtomicLong();
  /**
   * The twin each queued, not yet settled twin write will leave, as its caller prepared it (version unknown, so
   * {@code -1}): the next caller prepares against it, so that its work still holds when the sequencer reaches it.
   * Never read for answers: readers see {@link #twins} only.
   */
  private final Map<String, TwinState> provisional = new ConcurrentHashMap<>();
  private final RecentTrees trees = new RecentTrees(32_768);
  private volatile Models models = Models.EMPTY;
  private volatile long version;

  @Override
  public Models models() {
    return models;
  }

  @Override
  public @Nullable TwinState twin(String id) {
    return twins.get(id);
  }

  /** The twin as the last queued write will leave it, or the committed one: what a new write will meet. */
  @Nullable TwinState latestTwin(String id) {
    TwinState queued = provisional.get(id);
    return queued != null ? queued : twins.get(id);
  }

  /** Records the twin a queued write will leave (its version is not known yet), until {@link #settled}. */
  void queued(TwinState state) {
    provisional.put(state.id(), state);
  }

  /** The write that queued {@code state} is committed and applied, or failed: forget it unless a later one is queued. */
  void settled(TwinState state) {
    provisional.remove(state.id(), state);
  }

  @Override
  public @Nullable RelState relationship(String sourceId, String id) {
    NavigableMap<String, RelState> out = outgoing.get(sourceId);
    return out == null ? null : out.get(id);
  }

  @Override
  public Collection<RelState> outgoing(String sourceId) {
    NavigableMap<String, RelState> out = outgoing.get(sourceId);
    return out == null ? java.util.List.of() : out.values();
  }

  NavigableMap<String, RelState> outgoingMap(String sourceId) {
    return outgoing.getOrDefault(sourceId, Collections.emptyNavigableMap());
  }

  /** Incoming relationships keyed by {@code sourceId + '\0' + relationshipId}. */
  NavigableMap<String, RelState> incomingMap(String targetId) {
    return incoming.getOrDefault(targetId, Collections.emptyNavigableMap());
  }

  @Override
  public boolean hasIncoming(String targetId) {
    return incoming.containsKey(targetId);
  }

  /** Twin ids in order, for paging. */
  NavigableSet<String> ids() {
    return ids;
  }

  /** Decoded documents of recently written twins (possibly not yet committed: entries match by state identity). */
  RecentTrees trees() {
    return trees;
  }

  long twinCount() {
    return twinCount.get();
  }

  long version() {
    return version;
  }

  void version(long committed) {
    this.version = committed;
  }

  void models(Models next) {
    this.models = next;
  }

  void putTwin(TwinState twin) {
    if (twins.put(twin.id(), twin) == null) {
      ids.add(twin.id());
      twinCount.incrementAndGet();
    }
  }

  void removeTwin(String id) {
    if (twins.remove(id) != null) {
      ids.remove(id);
      twinCount.decrementAndGet();
    }
  }

  void putRelationship(RelState rel) {
    RelState old = relationship(rel.sourceId(), rel.id());
    if (old != null) {
      removeRelationship(old.sourceId(), old.id());
    }
    outgoing.compute(rel.sourceId(), (k, m) -> copyWith(m, rel.id(), rel));
    incoming.compute(rel.targetId(), (k, m) -> copyWith(m, Continuations.incomingKey(rel), rel));
  }

  void removeRelationship(String sourceId, String id) {
    RelState old = relationship(sourceId, id);
    if (old == null) {
      return;
    }
    outgoing.compute(sourceId, (k, m) -> copyWithout(m, id));
    incoming.compute(old.targetId(), (k, m) -> copyWithout(m, Continuations.incomingKey(old)));
  }

  /** Bulk insert at start, building each twin's maps once instead of copying them per relationship. */
  void loadRelationships(java.util.List<RelState> all) {
    Map<String, TreeMap<String, RelState>> out = new java.util.HashMap<>();
    Map<String, TreeMap<String, RelState>> in = new java.util.HashMap<>();
    for (RelState r : all) {
      out.computeIfAbsent(r.sourceId(), k -> new TreeMap<>()).put(r.id(), r);
      in.computeIfAbsent(r.targetId(), k -> new TreeMap<>()).put(Continuations.incomingKey(r), r);
    }
    out.forEach((k, v) -> outgoing.put(k, Collections.unmodifiableNavigableMap(v)));
    in.forEach((k, v) -> incoming.put(k, Collections.unmodifiableNavigableMap(v)));
  }

  private static NavigableMap<String, RelState> copyWith(
      @Nullable NavigableMap<String, RelState> map, String key, RelState value) {
    TreeMap<String, RelState> copy = map == null ? new TreeMap<>() : new TreeMap<>(map);
    copy.put(key, value);
    return Collections.unmodifiableNavigableMap(copy);
  }

  private static @Nullable NavigableMap<String, RelState> copyWithout(
      @Nullable NavigableMap<String, RelState> map, String key) {
    if (map == null) {
      return null;
    }
    TreeMap<String, RelState> copy = new TreeMap<>(map);
    copy.remove(key);
    return copy.isEmpty() ? null : Collections.unmodifiableNavigableMap(copy);
  }
}
