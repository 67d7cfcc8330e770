package io.doppel.twin;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link GraphSnapshot}: reads the live graph and, for what changed since its version, the undo log
 * (see {@link Snapshots}). Every read checks that the snapshot is still open before and after it runs, because a
 * close or an expiry lets the engine drop the undo entries the read may have used.
 */
final class EngineSnapshot implements GraphSnapshot {
  private static final int OPEN = 0;
  private static final int CLOSED = 1;
  private static final int EXPIRED = 2;

  private final Graph graph;
  private final long version;
  private final long linksVersion;
  private final long twinCount;
  private final Models models;
  private final Map<String, PropertyIndex> indexes;
  private final Clock clock;
  private final long deadlineMillis;
  private volatile int state = OPEN;

  EngineSnapshot(Graph graph, long version, long linksVersion, long twinCount, Models models,
      Map<String, PropertyIndex> indexes, Clock clock, long deadlineMillis) {
    this.graph = graph;
    this.version = version;
    this.linksVersion = linksVersion;
    this.twinCount = twinCount;
    this.models = models;
    this.indexes = Map.copyOf(indexes);
    this.clock = clock;
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public long linksVersion() {
    return linksVersion;
  }

  @Override
  public ModelCatalog models() {
    check();
    return models.catalog();
  }

  /** The models with their records (upload time, decommissioned) as of this snapshot. */
  Models modelRecords() {
    return models;
  }

  @Override
  public long twinCount() {
    check();
    return twinCount;
  }

  @Override
  public @Nullable TwinView twin(String id) {
    TwinState state = state(id);
    return state == null ? null : new TwinView(state.id(), Etags.of(state.version()), state.version(), state.json());
  }

  @Override
  public @Nullable Dtmi modelOf(String id) {
    TwinState state = state(id);
    return state == null ? null : state.model();
  }

  /** The twin's in-memory state at this snapshot's version. */
  @Nullable TwinState state(String id) {
    check();
    TwinState state = stateAt(id);
    check();
    return state;
  }

  private @Nullable TwinState stateAt(String id) {
    TwinState now = graph.twin(id);
    if (now != null && now.version() <= version) {
      return now; // still the state it had then: anything newer carries a newer version
    }
    UndoLog.Entry<TwinState> before = graph.twinLog().at(id, version);
    if (before != null) {
      return before.old();
    }
    if (now == null) {
      return null; // did not exist then, and was not deleted since
    }
    check();
    throw new IllegalStateException("twin " + id + " at version " + now.version() + " has no undo entry for "
        + "snapshot " + version);
  }

  @Override
  public Iterator<String> twinIds(String prefix, @Nullable String after) {
    check();
    String start = prefix;
    boolean inclusive = true;
    if (after != null && after.compareTo(prefix) >= 0) {
      start = after;
      inclusive = false;
    }
    return new SnapshotScan<>(graph.ids().tailSet(start, inclusive).iterator(), twinHistory(),
        Comparator.<String>naturalOrder(), start, inclusive, id -> !id.startsWith(prefix),
        id -> stateAt(id) != null, this::check);
  }

  @Override
  public Iterator<String> twinIdsOfModels(Set<Dtmi> wanted, @Nullable String after) {
    check();
    if (wanted.isEmpty()) {
      return Collections.emptyIterator();
    }
    Set<Dtmi> exact = Set.copyOf(wanted);
    List<Iterator<String>> sources = new ArrayList<>(exact.size());
    for (Dtmi model : exact) {
      var ids = graph.modelIndex().ids(model);
      sources.add((after == null ? ids : ids.tailSet(after, false)).iterator());
    }
    return new SnapshotScan<>(SnapshotScan.merge(sources, Comparator.naturalOrder()), twinHistory(),
        Comparator.<String>naturalOrder(), after, false, id -> false, id -> {
          TwinState state = stateAt(id);
          return state != null && exact.contains(state.model());
        }, this::check);
  }

  private SnapshotScan.History<String> twinHistory() {
    UndoLog<String, Boolean> log = graph.departed();
    return new SnapshotScan.History<>() {
      @Override
      public @Nullable String first() {
        return log.first();
      }

      @Override
      public @Nullable String next(String key, boolean inclusive) {
        return log.next(key, inclusive);
      }
    };
  }

  @Override
  public List<RelationshipView> outgoing(String sourceId, @Nullable String name) {
    check();
    NavigableMap<String, RelState> now = graph.outgoingNow(sourceId);
    UndoLog.Entry<NavigableMap<String, RelState>> before = graph.outgoingLog().at(sourceId, version);
    List<RelationshipView> views = views(before != null ? before.old() : now, name);
    check();
    return views;
  }

  @Override
  public List<RelationshipView> incoming(String targetId, @Nullable String name) {
    check();
    NavigableMap<String, RelState> now = graph.incomingNow(targetId);
    UndoLog.Entry<NavigableMap<String, RelState>> before = graph.incomingLog().at(targetId, version);
    List<RelationshipView> views = views(before != null ? before.old() : now, name);
    check();
    return views;
  }

  private static List<RelationshipView> views(@Nullable NavigableMap<String, RelState> map, @Nullable String name) {
    if (map == null) {
      return List.of();
    }
    List<RelationshipView> views = new ArrayList<>();
    for (RelState rel : map.values()) {
      if (name == null || rel.name().equals(name)) {
        views.add(rel.view());
      }
    }
    return views;
  }

  @Override
  public Set<String> indexedPaths() {
    check();
    return Collections.unmodifiableSet(new TreeSet<>(indexes.keySet()));
  }

  @Override
  public Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after) {
    check();
    PropertyIndex index = indexes.get(path);
    if (index == null) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "there is no index on '" + path + "'",
          List.of(new DoppelException.Detail("noIndex", "path", path)));
    }
    Runnable checkIndex = () -> {
      check();
      if (index.state() == PropertyIndex.State.DROPPED) {
        throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "the index on '" + path + "' was dropped",
            List.of(new DoppelException.Detail("indexDropped", "path", path)));
      }
    };
    checkIndex.run();
    return index.scan(range, after, version, checkIndex);
  }

  @Override
  public void close() {
    if (state == OPEN) {
      state = CLOSED;
      graph.snapshots().release(this);
    }
  }

  boolean pastMaxAge() {
    return clock.millis() >= deadlineMillis;
  }

  /** The engine expired this snapshot (under the snapshots' lock); its undo entries go next. */
  void markExpired() {
    state = EXPIRED;
  }

  private void check() {
    int s = state;
    if (s == OPEN && pastMaxAge()) {
      markExpired();
      graph.snapshots().release(this);
      s = EXPIRED;
    }
    if (s == EXPIRED) {
      throw new DoppelException(ErrorCode.SNAPSHOT_EXPIRED, "the snapshot at version " + version
          + " expired: it outlived its maximum age, or the writes made since it opened outgrew what the engine keeps"
          + " for snapshots; open a new snapshot",
          List.of(new DoppelException.Detail("snapshotExpired", "snapshot", Long.toString(version))));
    }
    if (s == CLOSED) {
      throw new IllegalStateException("the snapshot at version " + version + " is closed");
    }
  }

  @Override
  public String toString() {
    return "snapshot@" + version;
  }
}
