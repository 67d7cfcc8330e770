package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
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
 * twin relationship maps are immutable and replaced on change, so a reader never sees one half-updated. Batches are
 * applied through {@link #apply}, which excludes opening a snapshot; while snapshots are open the mutators record
 * what they replace (twin states, relationship maps, index values) in undo logs before they replace it. Besides the
 * sorted id set, the graph keeps a model index and the property indexes, maintained by the same mutators.
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
  private final Snapshots snapshots = new Snapshots();
  private final UndoLog<String, TwinState> twinLog = UndoLog.hashed(snapshots);
  /**
   * Twins that left the id set or their model's set since the oldest open snapshot (deleted, or moved to another
   * model), in id order: what ordered scans merge in. Patches, the common write, do not touch this sorted map.
   */
  private final UndoLog<String, Boolean> departed = UndoLog.sorted(snapshots);
  private final UndoLog<String, NavigableMap<String, RelState>> outgoingLog = UndoLog.hashed(snapshots);
  private final UndoLog<String, NavigableMap<String, RelState>> incomingLog = UndoLog.hashed(snapshots);
  private final ModelIndex modelIndex = new ModelIndex();
  private final Map<String, PropertyIndex> indexes = new ConcurrentHashMap<>();
  /** The indexes the writer maintains, as an array for the write path; replaced under the apply lock. */
  private volatile PropertyIndex[] maintained = new PropertyIndex[0];
  private volatile Models models = Models.EMPTY;
  private volatile long version;
  /**
   * The version of the last change that added or removed a twin or a relationship (or replaced one): what a reader
   * caching reachability over relationships keys it on, since property patches, the common write, leave it alone.
   */
  private volatile long linksVersion;
  /** Whether the batch being applied changed twins or relationships: sequencer thread or loader only. */
  private boolean linksChanged;

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
    this.linksVersion = committed;
  }

  long linksVersion() {
    return linksVersion;
  }

  void models(Models next) {
    this.models = next;
  }

  // ---- mutators: the sequencer inside apply(), or the loader before the engine starts

  void putTwin(TwinState twin) {
    String id = twin.id();
    boolean recording = snapshots.recording();
    TwinState old;
    if (recording) {
      old = twins.get(id);
      twinLog.record(id, old);
      if (old != null && !old.model().equals(twin.model())) {
        departed.record(id, Boolean.TRUE);
      }
      twins.put(id, twin);
    } else {
      old = twins.put(id, twin);
    }
    if (old == null) {
      ids.add(id);
      twinCount.incrementAndGet();
      linksChanged = true;
    }
    modelIndex.moved(id, old == null ? null : old.model(), twin.model());
    PropertyIndex[] indexed = maintained;
    if (indexed.length > 0) {
      // The caller's decoded tree is usually still there: indexing then costs no decoding.
      ObjectNode tree = trees.get(twin);
      ObjectNode document = tree != null ? tree : TwinCodec.decode(twin.document());
      for (PropertyIndex index : indexed) {
        index.put(id, index.path().valueIn(document), recording);
      }
    }
  }

  void removeTwin(String id) {
    boolean recording = snapshots.recording();
    TwinState old = recording ? twins.get(id) : twins.remove(id);
    if (old == null) {
      return;
    }
    if (recording) {
      twinLog.record(id, old);
      departed.record(id, Boolean.TRUE);
      twins.remove(id);
    }
    ids.remove(id);
    twinCount.decrementAndGet();
    linksChanged = true;
    modelIndex.moved(id, old.model(), null);
    for (PropertyIndex index : maintained) {
      index.put(id, null, recording);
    }
  }

  void putRelationship(RelState rel) {
    linksChanged = true;
    RelState old = relationship(rel.sourceId(), rel.id());
    if (old != null) {
      removeRelationship(old.sourceId(), old.id());
    }
    boolean recording = snapshots.recording();
    outgoing.compute(rel.sourceId(), (k, m) -> {
      if (recording) {
        outgoingLog.record(k, m);
      }
      return copyWith(m, rel.id(), rel);
    });
    incoming.compute(rel.targetId(), (k, m) -> {
      if (recording) {
        incomingLog.record(k, m);
      }
      return copyWith(m, Continuations.incomingKey(rel), rel);
    });
  }

  void removeRelationship(String sourceId, String id) {
    RelState old = relationship(sourceId, id);
    if (old == null) {
      return;
    }
    linksChanged = true;
    boolean recording = snapshots.recording();
    outgoing.compute(sourceId, (k, m) -> {
      if (recording) {
        outgoingLog.record(k, m);
      }
      return copyWithout(m, id);
    });
    incoming.compute(old.targetId(), (k, m) -> {
      if (recording) {
        incomingLog.record(k, m);
      }
      return copyWithout(m, Continuations.incomingKey(old));
    });
  }

  // ---- batches and snapshots

  /** Applies a durable batch that makes {@code committed} the current version; excludes opening snapshots. */
  void apply(long committed, Runnable batch) {
    snapshots.apply(committed, () -> {
      batch.run();
      if (linksChanged) {
        this.linksVersion = committed;
        linksChanged = false;
      }
      this.version = committed;
    });
  }

  /** Opens a snapshot at the current version; it expires {@code maxAge} after now on {@code clock}. */
  EngineSnapshot snapshot(Clock clock, Duration maxAge) {
    long now = clock.millis();
    long deadline = maxAge.toMillis() >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + maxAge.toMillis();
    return snapshots.open(() -> {
      Map<String, PropertyIndex> usable = new java.util.HashMap<>();
      indexes.forEach((path, index) -> {
        if (index.state() == PropertyIndex.State.READY) {
          usable.put(path, index);
        }
      });
      return new EngineSnapshot(this, version, linksVersion, twinCount.get(), models, usable, clock, deadline);
    });
  }

  Snapshots snapshots() {
    return snapshots;
  }

  UndoLog<String, TwinState> twinLog() {
    return twinLog;
  }

  UndoLog<String, Boolean> departed() {
    return departed;
  }

  UndoLog<String, NavigableMap<String, RelState>> outgoingLog() {
    return outgoingLog;
  }

  UndoLog<String, NavigableMap<String, RelState>> incomingLog() {
    return incomingLog;
  }

  /** The current outgoing map, or {@code null}; read it before the undo log. */
  @Nullable NavigableMap<String, RelState> outgoingNow(String sourceId) {
    return outgoing.get(sourceId);
  }

  @Nullable NavigableMap<String, RelState> incomingNow(String targetId) {
    return incoming.get(targetId);
  }

  ModelIndex modelIndex() {
    return modelIndex;
  }

  // ---- property indexes

  @Nullable PropertyIndex index(String path) {
    return indexes.get(path);
  }

  /** Every defined index by path, ready or still building. */
  Map<String, PropertyIndex> indexes() {
    return Collections.unmodifiableMap(indexes);
  }

  /**
   * Starts maintaining a new index from the batch being applied on (call inside {@link #apply}); it becomes usable
   * once {@link #build} has added the twins no write touched since.
   */
  void startIndex(PropertyIndex index) {
    index.maintainedFrom(snapshots.applyingVersion());
    indexes.put(index.path().text(), index);
    maintain();
  }

  /** Stops maintaining an index (inside {@link #apply}); snapshots holding it refuse to read it from now on. */
  void dropIndex(String path) {
    PropertyIndex index = indexes.remove(path);
    if (index != null) {
      index.markDropped();
      maintain();
    }
  }

  /** At load: an index filled from the twins loaded so far, maintained from here on, and ready. */
  void loadIndex(IndexPath path) {
    PropertyIndex index = new PropertyIndex(path, snapshots, PropertyIndex.State.BUILDING);
    index.maintainedFrom(version);
    indexes.put(path.text(), index);
    maintain();
    fill(index, Long.MAX_VALUE);
    index.markReady();
  }

  /**
   * Adds to a new index every twin no batch changed since the index's first batch (the writer indexes those), then
   * makes it usable. Runs on the caller's thread while writes go on: it reads the live graph, and a twin is filled
   * in only while its version shows it unchanged (see {@link PropertyIndex#fill}).
   */
  void build(PropertyIndex index) {
    try {
      fill(index, index.maintainedFrom());
    } catch (RuntimeException e) {
      index.failed(e);
      throw e;
    }
    // Under the lock, so that a snapshot opened from now on sees it ready and every batch after it records into it.
    snapshots.exclusive(index::markReady);
  }

  private void fill(PropertyIndex index, long asOf) {
    for (String id : ids) {
      TwinState twin = twins.get(id);
      if (twin == null || twin.version() > asOf) {
        continue; // deleted or rewritten since: the writer has indexed it
      }
      ObjectNode tree = trees.get(twin);
      IndexValue value = index.path().valueIn(tree != null ? tree : TwinCodec.decode(twin.document()));
      if (value != null) {
        index.fill(id, value, this, asOf);
      }
    }
  }

  private void maintain() {
    maintained = indexes.values().stream()
        .sorted(java.util.Comparator.comparing(i -> i.path().text()))
        .toArray(PropertyIndex[]::new);
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
