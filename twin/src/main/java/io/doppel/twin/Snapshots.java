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
 * The open snapshots and the undo entries they need. A snapshot's version is a batch boundary, and every batch
 * applied after it records what it replaces. Opening one does not wait for the batch being applied: when that batch
 * records (a snapshot was already open as it began, the common case under queries), the new snapshot takes the
 * version before it and the batch's undo entries serve it too; only when the batch began unrecorded does opening wait
 * for its end. Closing does not wait either: the entries no snapshot needs are dropped by whoever holds the apply
 * lock next. With no snapshot open nothing is recorded, so writers pay only the locks they take once per batch and a
 * field read per change.
 *
 * <p>Waiting for a batch was part of every query's latency under writes, and on a loaded machine the writer can lose
 * its core for many milliseconds while it applies: a query then waited for that too.
 *
 * <p>Entries are dropped, oldest first, as soon as no open snapshot needs them (replaced at or before the oldest
 * open version): after a close, and after batches when a snapshot has outlived its maximum age. Memory is
 * therefore bounded by the writes made while snapshots are open, by the maximum age when one leaks, and by a cap on
 * the entries kept: past it, the oldest snapshots expire early, so that a long scan under heavy writes cannot
 * exhaust the heap.
 */
final class Snapshots {
  /** Undo entries kept at most (each holds a replaced state: a twin's document is a few hundred bytes). */
  static final int DEFAULT_MAX_UNDO_ENTRIES = 4_000_000;

  /** Held while a batch is applied and while undo entries are dropped: the writer's side. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Held briefly to register or forget a snapshot, and by the writer to begin or end a batch. */
  private final ReentrantLock registry = new ReentrantLock();
  // Guarded by registry.
  private final TreeMap<Long, Integer> openVersions = new TreeMap<>();
  private final Set<EngineSnapshot> open = new LinkedHashSet<>();
  /** Whether batches must record: a snapshot is open. */
  private boolean recording;
  /** Whether a batch is being applied, and whether it records. */
  private boolean applyingNow;
  private boolean batchRecords;
  // Guarded by lock.
  /** Every log's entries, oldest first, linked through {@link UndoLog.Entry#newer}. */
  private UndoLog.@Nullable Entry<?> oldest;
  private UndoLog.@Nullable Entry<?> newest;
  private int entries;
  private int maxEntries = DEFAULT_MAX_UNDO_ENTRIES;
  private long applying;
  /** The mutators' view of {@link #batchRecords}: read per change by the writer, inside {@link #apply}. */
  private boolean recordingBatch;
  /** A snapshot was forgotten while the apply lock was taken: its entries are dropped by the next holder. */
  private volatile boolean purgeDue;

  /** Runs {@code batch} as the batch that makes {@code version} current; snapshots open before, during or after it. */
  void apply(long version, Runnable batch) {
    lockWriter();
    try {
      applying = version;
      registry.lock();
      try {
        applyingNow = true;
        batchRecords = recording;
      } finally {
        registry.unlock();
      }
      recordingBatch = batchRecords;
      try {
        batch.run();
      } finally {
        registry.lock();
        try {
          applyingNow = false;
        } finally {
          registry.unlock();
        }
      }
      if (recordingBatch) {
        expireOld();
      }
      if (entries > maxEntries) {
        expireOldestOver();
      }
    } finally {
      unlockWriter();
    }
  }

  /** Runs {@code action} between batches. */
  void exclusive(Runnable action) {
    lockWriter();
    try {
      action.run();
    } finally {
      unlockWriter();
    }
  }

  /**
   * Registers the snapshot {@code opening} builds (it reads the graph's last published version): at once, unless a
   * batch that records nothing is being applied, then once it is applied.
   */
  EngineSnapshot open(Supplier<EngineSnapshot> opening) {
    registry.lock();
    try {
      if (!applyingNow || batchRecords) {
        return register(opening);
      }
    } finally {
      registry.unlock();
    }
    lockWriter();
    try {
      registry.lock();
      try {
        return register(opening);
      } finally {
        registry.unlock();
      }
    } finally {
      unlockWriter();
    }
  }

  private EngineSnapshot register(Supplier<EngineSnapshot> opening) {
    EngineSnapshot snapshot = opening.get();
    open.add(snapshot);
    openVersions.merge(snapshot.version(), 1, Integer::sum);
    recording = true;
    return snapshot;
  }

  /** Forgets {@code snapshot} (closed or expired); the undo entries no remaining snapshot needs go now or soon. */
  void release(EngineSnapshot snapshot) {
    registry.lock();
    try {
      if (!forget(snapshot)) {
        return;
      }
    } finally {
      registry.unlock();
    }
    purgeDue = true;
    dropDue(); // unless the writer holds the lock: then it does as it lets go
  }

  /** Under the registry lock. */
  private boolean forget(EngineSnapshot snapshot) {
    if (!open.remove(snapshot)) {
      return false;
    }
    openVersions.computeIfPresent(snapshot.version(), (v, n) -> n == 1 ? null : n - 1);
    return true;
  }

  /** Whether the batch being applied must record what it replaces. Writer only, inside {@link #apply}. */
  boolean recording() {
    return recordingBatch;
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
    lockWriter();
    try {
      return entries;
    } finally {
      unlockWriter();
    }
  }

  /** Caps the undo entries kept (tests use a small cap). */
  void maxUndoEntries(int max) {
    lockWriter();
    try {
      maxEntries = max;
    } finally {
      unlockWriter();
    }
  }

  int openCount() {
    registry.lock();
    try {
      return open.size();
    } finally {
      registry.unlock();
    }
  }

  /** Takes the apply lock and drops the entries a forgotten snapshot left. */
  private void lockWriter() {
    lock.lock();
    if (purgeDue) {
      purgeDue = false;
      purge();
    }
  }

  /**
   * Lets go of the apply lock; a snapshot forgotten while it was held has its entries dropped by whoever takes the
   * lock after (every holder checks after letting go, so none is missed).
   */
  private void unlockWriter() {
    lock.unlock();
    dropDue();
  }

  private void dropDue() {
    while (purgeDue && lock.tryLock()) {
      try {
        if (purgeDue) {
          purgeDue = false;
          purge();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void expireOld() {
    registry.lock();
    try {
      List<EngineSnapshot> expired = null;
      for (EngineSnapshot s : open) {
        if (s.pastMaxAge()) {
          if (expired == null) {
            expired = new ArrayList<>();
          }
          expired.add(s);
        }
      }
      if (expired == null) {
        return;
      }
      for (EngineSnapshot s : expired) {
        s.markExpired();
        forget(s);
      }
    } finally {
      registry.unlock();
    }
    purge();
  }

  /** Expires the oldest snapshots until the entries they alone need are dropped and the rest fit under the cap. */
  private void expireOldestOver() {
    while (entries > maxEntries) {
      registry.lock();
      try {
        if (open.isEmpty()) {
          return;
        }
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
      } finally {
        registry.unlock();
      }
      purge();
    }
  }

  /** Under the apply lock: drops the entries replaced at or before the oldest open snapshot's version. */
  private void purge() {
    long horizon;
    registry.lock();
    try {
      recording = !open.isEmpty();
      horizon = recording ? openVersions.firstKey() : Long.MAX_VALUE;
    } finally {
      registry.unlock();
    }
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
