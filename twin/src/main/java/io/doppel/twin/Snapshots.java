package io.doppel.twin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The open snapshots and the undo entries they need. One small lock makes opening a snapshot and applying a batch
 * exclude each other: a snapshot's version is therefore a batch boundary, and every batch applied after it sees it
 * registered and records what it replaces. With no snapshot open nothing is recorded, so writers pay only the lock
 * they take once per batch and a field read per change.
 *
 * <p>Entries are dropped, oldest first, as soon as no open snapshot needs them (replaced at or before the oldest
 * open version): on every close, and after batches when a snapshot has outlived its maximum age. Memory is
 * therefore bounded by the writes made while snapshots are open, by the maximum age when one leaks, and by a cap on
 * the entries kept: past it, the oldest snapshots expire early, so that a long scan under heavy writes cannot
 * exhaust the heap.
 */
final class Snapshots {
  /** Undo entries kept at most (each holds a replaced state: a twin's document is a few hundred bytes). */
  static final int DEFAULT_MAX_UNDO_ENTRIES = 4_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  // All below guarded by lock.
  private final TreeMap<Long, Integer> openVersions = new TreeMap<>();
  private final Set<EngineSnapshot> open = new LinkedHashSet<>();
  /** Every log's entries, oldest first, linked through {@link UndoLog.Entry#newer}. */
  private UndoLog.@Nullable Entry<?> oldest;
  private UndoLog.@Nullable Entry<?> newest;
  private int entries;
  private int maxEntries = DEFAULT_MAX_UNDO_ENTRIES;
  private boolean recording;
  private long applying;

  /** Runs {@code batch} as the batch that makes {@code version} current; snapshots open before or after it. */
  void apply(long version, Runnable batch) {
    lock.lock();
    try {
      applying = version;
      batch.run();
      if (recording) {
        expireOld();
      }
      if (entries > maxEntries) {
        expireOldestOver();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} between batches, with no snapshot opening meanwhile. */
  void exclusive(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** Registers the snapshot {@code open} builds, at a batch boundary. */
  EngineSnapshot open(Supplier<EngineSnapshot> opening) {
    lock.lock();
    try {
      EngineSnapshot snapshot = opening.get();
      open.add(snapshot);
      openVersions.merge(snapshot.version(), 1, Integer::sum);
      recording = true;
      return snapshot;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets {@code snapshot} (closed or expired) and drops the undo entries no remaining snapshot needs. */
  void release(EngineSnapshot snapshot) {
    lock.lock();
    try {
      if (open.remove(snapshot)) {
        openVersions.computeIfPresent(snapshot.version(), (v, n) -> n == 1 ? null : n - 1);
        purge();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the batch being applied must record what it replaces. Writer only, inside {@link #apply}. */
  boolean recording() {
    return recording;
  }

  long applyingVersion() {
    return applying;
  }

  void recorded(UndoLog.Entry<?> entry) {
    if (newest == null) {
      oldest = entry;
    } else {
      newest.newer = entry;
    }
    newest = entry;
    entries++;
  }

  /** Undo entries currently kept, for tests. */
  int undoEntries() {
    lock.lock();
    try {
      return entries;
    } finally {
      lock.unlock();
    }
  }

  /** Caps the undo entries kept (tests use a small cap). */
  void maxUndoEntries(int max) {
    lock.lock();
    try {
      maxEntries = max;
    } finally {
      lock.unlock();
    }
  }

  int openCount() {
    lock.lock();
    try {
      return open.size();
    } finally {
      lock.unlock();
    }
  }

  private void expireOld() {
    List<EngineSnapshot> expired = null;
    for (EngineSnapshot s : open) {
      if (s.pastMaxAge()) {
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(s);
      }
    }
    if (expired != null) {
      for (EngineSnapshot s : expired) {
        s.markExpired();
        open.remove(s);
        openVersions.computeIfPresent(s.version(), (v, n) -> n == 1 ? null : n - 1);
      }
      purge();
    }
  }

  /** Expires the oldest snapshots until the entries they alone need are dropped and the rest fit under the cap. */
  private void expireOldestOver() {
    while (entries > maxEntries && !open.isEmpty()) {
      long oldestVersion = openVersions.firstKey();
      List<EngineSnapshot> expired = new ArrayList<>();
      for (EngineSnapshot s : open) {
        if (s.version() == oldestVersion) {
          expired.add(s);
        }
      }
      for (EngineSnapshot s : expired) {
        s.markExpired();
        open.remove(s);
      }
      openVersions.remove(oldestVersion);
      purge();
    }
  }

  private void purge() {
    recording = !open.isEmpty();
    long horizon = recording ? openVersions.firstKey() : Long.MAX_VALUE;
    UndoLog.Entry<?> e = oldest;
    while (e != null && e.replacedAt() <= horizon) {
      e.drop();
      UndoLog.Entry<?> newer = e.newer;
      e.newer = null; // a dropped entry must not keep the newer ones reachable
      e = newer;
      entries--;
    }
    oldest = e;
    if (e == null) {
      newest = null;
    }
  }
}
