package io.doppel.twin;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A property index: every current twin's primitive value at one path, sorted by (value, twin id), plus what
 * snapshots need to read it as of their version. The writer maintains it as it applies batches; while it is being
 * built, a builder fills in the twins the writer has not touched since the index's first batch.
 *
 * <p>While snapshots are open, the writer records each twin's replaced value in an undo log and does not remove the
 * replaced entry from the sorted set: the entry goes when the undo entry that needs it is dropped (and no newer
 * replacement or the current value holds the same entry). So an entry visible at a snapshot's version stays in the
 * sorted set while the snapshot is open, and a snapshot's range scan is a walk of the sorted set keeping the entries
 * whose value at its version matches, with no second structure to merge. A write then costs one insertion into the
 * sorted set, as without snapshots, and the removal happens once, later.
 */
final class PropertyIndex {
  enum State { BUILDING, READY, DROPPED }

  /** Larger than any twin id ({@link Ids#MAX_LENGTH}), so (v, this) sorts after every entry of value v. */
  private static final String AFTER_ANY_ID = "\uffff".repeat(Ids.MAX_LENGTH + 1);

  private final IndexPath path;
  private final ConcurrentHashMap<String, IndexValue> current = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<IndexEntry> sorted = new ConcurrentSkipListSet<>();
  private final UndoLog<String, IndexValue> replaced;
  /** Replaced entries left in {@link #sorted} for snapshots, by how many undo entries hold them; under the lock. */
  private final HashMap<IndexEntry, Integer> deferred = new HashMap<>();
  private final CompletableFuture<PropertyIndex> ready = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean building = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile State state;
  private volatile long maintainedFrom;

  PropertyIndex(IndexPath path, Snapshots snapshots, State initial) {
    this.path = path;
    this.replaced = UndoLog.hashed(snapshots, this::undoDropped);
    this.state = initial;
    if (initial == State.READY) {
      ready.complete(this);
    }
  }

  IndexPath path() {
    return path;
  }

  State state() {
    return state;
  }

  /** Completes once the index is usable, or exceptionally if it is dropped or its build fails first. */
  CompletableFuture<PropertyIndex> ready() {
    return ready;
  }

  void markReady() {
    if (state == State.BUILDING) {
      state = State.READY;
      ready.complete(this);
    }
  }

  void failed(RuntimeException e) {
    ready.completeExceptionally(e);
  }

  /** The version of the first batch that maintained this index: the builder fills in twins not changed since. */
  long maintainedFrom() {
    return maintainedFrom;
  }

  /** Set once, under the apply lock, before anyone builds the index. */
  void maintainedFrom(long version) {
    this.maintainedFrom = version;
  }

  /** One caller builds a new index; concurrent creators of the same path wait for {@link #ready}. */
  boolean claimBuild() {
    return building.compareAndSet(false, true);
  }

  void markDropped() {
    state = State.DROPPED;
    ready.completeExceptionally(new DoppelException(ErrorCode.INVALID_ARGUMENT,
        "the index on '" + path.text() + "' was dropped"));
  }

  /** The writer sets a twin's value ({@code null}: none, or the twin is gone). Records the old one if asked. */
  void put(String id, @Nullable IndexValue value, boolean recording) {
    current.compute(id, (k, old) -> {
      if (Objects.equals(old, value)) {
        return old;
      }
      if (recording) {
        replaced.record(id, old);
        if (old != null) {
          deferred.merge(new IndexEntry(old, id), 1, Integer::sum); // removed when no snapshot needs it
        }
      } else if (old != null) {
        sorted.remove(new IndexEntry(old, id));
      }
      if (value != null) {
        sorted.add(new IndexEntry(value, id));
      }
      return value;
    });
  }

  /**
   * The builder adds a twin's value as of {@code asOf}, unless the writer changed or removed the twin since (then
   * the writer's value is the current one). Per-key atomic with {@link #put}; the writer replaces a twin in the
   * graph before it updates its indexes, so a twin the writer is about to update is seen as changed here.
   */
  void fill(String id, IndexValue value, Graph graph, long asOf) {
    current.compute(id, (k, old) -> {
      if (old != null) {
        return old;
      }
      TwinState now = graph.twin(id);
      if (now == null || now.version() > asOf) {
        return null;
      }
      sorted.add(new IndexEntry(value, id));
      return value;
    });
  }

  /** An undo entry no snapshot needs any more: remove the entry it kept, unless something else still holds it. */
  private void undoDropped(String id, @Nullable IndexValue old) {
    if (old == null) {
      return;
    }
    IndexEntry entry = new IndexEntry(old, id);
    Integer holders = deferred.get(entry);
    if (holders == null) {
      throw new IllegalStateException("no deferred removal of " + entry + " in the index on " + path.text());
    }
    if (holders > 1) {
      deferred.put(entry, holders - 1);
      return;
    }
    deferred.remove(entry);
    if (!old.equals(current.get(id))) {
      sorted.remove(entry);
    }
  }

  /** The twin's value at {@code version} (for a snapshot at that version, while it is open). */
  @Nullable IndexValue valueAt(String id, long version) {
    IndexValue now = current.get(id);
    UndoLog.Entry<IndexValue> before = replaced.at(id, version);
    return before != null ? before.old() : now;
  }

  /** Entries visible at {@code version} within {@code range}, after {@code after}, ascending. */
  Iterator<IndexEntry> scan(IndexRange range, @Nullable IndexEntry after, long version, Runnable check) {
    IndexValue lower = range.lower();
    IndexValue upper = range.upper();
    if (lower != null && upper != null && lower.getClass() != upper.getClass()) {
      return java.util.Collections.emptyIterator(); // a range never crosses types
    }
    IndexEntry start = null;
    boolean inclusive = true;
    if (lower != null) {
      start = new IndexEntry(lower, range.lowerInclusive() ? "" : AFTER_ANY_ID);
    } else if (upper != null) {
      start = new IndexEntry(smallestOf(upper), "");
    }
    if (after != null && (start == null || after.compareTo(start) >= 0)) {
      start = after;
      inclusive = false;
    }
    Predicate<IndexEntry> beyond = e -> false;
    if (upper != null) {
      beyond = e -> {
        int c = e.value().compareTo(upper);
        return c > 0 || (c == 0 && !range.upperInclusive());
      };
    } else if (lower != null) {
      beyond = e -> e.value().getClass() != lower.getClass();
    }
    Iterator<IndexEntry> now = start == null ? sorted.iterator() : sorted.tailSet(start, inclusive).iterator();
    // Entries visible at the snapshot stay in the sorted set while it is open: nothing else to merge in.
    return new SnapshotScan<>(now, SnapshotScan.History.none(), IndexEntry::compareTo, start, inclusive, beyond,
        e -> e.value().equals(valueAt(e.twinId(), version)), check);
  }

  private static IndexValue smallestOf(IndexValue sameType) {
    return switch (sameType) {
      case IndexValue.Bool b -> new IndexValue.Bool(false);
      case IndexValue.Num n -> new IndexValue.Num(Double.NEGATIVE_INFINITY);
      case IndexValue.Str s -> new IndexValue.Str("");
    };
  }

  /** Current entries (walks the index: for tests and stats). */
  long size() {
    return current.size();
  }
}
