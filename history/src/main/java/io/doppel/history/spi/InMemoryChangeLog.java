package io.doppel.history.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The change log of {@link SeriesStore#inMemory()}: the same orders as the RocksDB one, in sorted maps. */
final class InMemoryChangeLog implements ChangeLog {
  private record ByVersion(long version, String entity) {}

  private record ByTwin(String twinId, long time, long version, String entity) {}

  private record ByEntity(String entity, long version) {}

  private record ByTime(long time, long version, String entity) {}

  private final ConcurrentSkipListMap<ByVersion, ChangeRecord> all = new ConcurrentSkipListMap<>(
      Comparator.comparingLong(ByVersion::version).thenComparing(ByVersion::entity));
  private final ConcurrentSkipListMap<ByTwin, ChangeRecord> twins = new ConcurrentSkipListMap<>(
      Comparator.comparing(ByTwin::twinId).thenComparingLong(ByTwin::time).thenComparingLong(ByTwin::version)
          .thenComparing(ByTwin::entity));
  private final ConcurrentSkipListMap<ByEntity, ChangeRecord> entities = new ConcurrentSkipListMap<>(
      Comparator.comparing(ByEntity::entity).thenComparingLong(ByEntity::version));
  private final ConcurrentSkipListMap<ByTime, ChangeRecord> times = new ConcurrentSkipListMap<>(
      Comparator.comparingLong(ByTime::time).thenComparingLong(ByTime::version).thenComparing(ByTime::entity));
  private volatile @Nullable ChangeBounds bounds;

  /** Called under the store's write lock. */
  void log(ChangeRecord c) {
    unlog(c);
    all.put(new ByVersion(c.version(), c.entity()), c);
    if (!c.kind().isModel()) {
      twins.put(new ByTwin(c.twinId(), c.time(), c.version(), c.entity()), c);
      entities.put(new ByEntity(c.entity(), c.version()), c);
    }
    times.put(new ByTime(c.time(), c.version(), c.entity()), c);
  }

  void unlog(ChangeRecord c) {
    ChangeRecord old = all.remove(new ByVersion(c.version(), c.entity()));
    if (old != null) {
      twins.remove(new ByTwin(old.twinId(), old.time(), old.version(), old.entity()));
      entities.remove(new ByEntity(old.entity(), old.version()));
      times.remove(new ByTime(old.time(), old.version(), old.entity()));
    }
  }

  void bounds(ChangeBounds b) {
    bounds = b;
  }

  @Override
  public List<ChangeRecord> after(long after, int max) {
    return all.tailMap(new ByVersion(after + 1, ""), true).values().stream().limit(max).toList();
  }

  @Override
  public java.util.Set<String> entitiesChanged(long after, long upTo) {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (after < upTo) {
      all.subMap(new ByVersion(after + 1, ""), true, new ByVersion(upTo + 1, ""), false).keySet().forEach(k -> {
        if (!k.entity().equals(ChangeRecord.modelEntity())) {
          out.add(k.entity());
        }
      });
    }
    return out;
  }

  @Override
  public List<ChangeRecord> ofTwin(String twinId, long from, long to, ChangeLog.@Nullable TwinCursor cursor,
      int max) {
    ByTwin start = cursor == null || cursor.time() < from ? new ByTwin(twinId, from, Long.MIN_VALUE, "")
        : new ByTwin(twinId, cursor.time(), cursor.version(), cursor.entity());
    boolean inclusive = cursor == null || cursor.time() < from;
    List<ChangeRecord> out = new ArrayList<>();
    for (Map.Entry<ByTwin, ChangeRecord> e : twins.tailMap(start, inclusive).entrySet()) {
      if (!e.getKey().twinId().equals(twinId) || e.getKey().time() >= to || out.size() == max) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  @Override
  public Optional<ChangeRecord> lastOf(String entity, long version) {
    Map.Entry<ByEntity, ChangeRecord> e = entities.floorEntry(new ByEntity(entity, version));
    return e == null || !e.getKey().entity().equals(entity) ? Optional.empty() : Optional.of(e.getValue());
  }

  @Override
  public long versionAt(long time) {
    NavigableMap<ByTime, ChangeRecord> head = times.headMap(new ByTime(time, Long.MAX_VALUE, "\uffff"), true);
    return head.isEmpty() ? 0 : head.lastKey().version();
  }

  @Override
  public void forEachBefore(long time, Consumer<ChangeRecord> visitor) {
    times.headMap(new ByTime(time, Long.MIN_VALUE, ""), false).values().forEach(visitor);
  }

  @Override
  public void forEachLatest(Consumer<ChangeRecord> visitor) {
    ChangeRecord previous = null;
    for (ChangeRecord c : entities.values()) {
      if (previous != null && !previous.entity().equals(c.entity())) {
        visitor.accept(previous);
      }
      previous = c;
    }
    if (previous != null) {
      visitor.accept(previous);
    }
  }

  @Override
  public Optional<ChangeBounds> bounds() {
    return Optional.ofNullable(bounds);
  }
}
