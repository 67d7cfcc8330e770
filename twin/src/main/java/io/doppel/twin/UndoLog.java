package io.doppel.twin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * What some keyed values held before the writer replaced them, kept only while a snapshot may need it. Each key has
 * an append-only chain of entries {@code (replacedAt, old value)}, oldest first; every entry is also linked into the
 * global order of {@link Snapshots}, which drops entries oldest first once no open snapshot needs them. One object
 * per entry serves as both links and the value, so recording costs one allocation. The writer appends and
 * {@link Snapshots} drops under its apply lock; snapshot readers on any thread follow chains without locking.
 *
 * <p>Readers must read the current value first and the chain second: the writer records before it replaces, so a
 * replacement that the current value already shows is always found in the chain.
 */
final class UndoLog<K, V> {
  /** {@code old} is the value before the batch at version {@code replacedAt} changed it; {@code null}: absent. */
  static final class Entry<V> {
    private final UndoLog<?, V> log;
    private final Object key;
    private final long replacedAt;
    private final @Nullable V old;
    /** The key's next newer entry. */
    private volatile @Nullable Entry<V> next;
    /** The next newer entry of any log, in {@link Snapshots}' order; guarded by its lock. */
    @Nullable Entry<?> newer;

    private Entry(UndoLog<?, V> log, Object key, long replacedAt, @Nullable V old) {
      this.log = log;
      this.key = key;
      this.replacedAt = replacedAt;
      this.old = old;
    }

    long replacedAt() {
      return replacedAt;
    }

    @Nullable V old() {
      return old;
    }

    /** Unlinks this entry, the oldest of its key, from its chain. Under the apply lock. */
    void drop() {
      log.dropOldest(key, this);
    }
  }

  /** A key's entries; {@code tail} is the writer's, {@code head} is read by anyone. */
  private static final class Chain<V> {
    volatile @Nullable Entry<V> head;
    @Nullable Entry<V> tail;
  }

  /** Told of each entry as it is dropped (no snapshot needs it any more); under the apply lock. */
  interface Dropped<K, V> {
    void dropped(K key, @Nullable V old);
  }

  private final ConcurrentMap<K, Chain<V>> chains;
  private final Snapshots snapshots;
  private final @Nullable Dropped<K, V> onDrop;

  private UndoLog(ConcurrentMap<K, Chain<V>> chains, Snapshots snapshots, @Nullable Dropped<K, V> onDrop) {
    this.chains = chains;
    this.snapshots = snapshots;
    this.onDrop = onDrop;
  }

  /** A log whose changed keys can be walked in order (to merge them into an ordered scan). */
  static <K extends Comparable<K>, V> UndoLog<K, V> sorted(Snapshots snapshots) {
    return new UndoLog<>(new ConcurrentSkipListMap<>(), snapshots, null);
  }

  static <K, V> UndoLog<K, V> hashed(Snapshots snapshots) {
    return new UndoLog<>(new ConcurrentHashMap<>(), snapshots, null);
  }

  /** A hashed log that tells {@code onDrop} when each entry is dropped. */
  static <K, V> UndoLog<K, V> hashed(Snapshots snapshots, Dropped<K, V> onDrop) {
    return new UndoLog<>(new ConcurrentHashMap<>(), snapshots, onDrop);
  }

  /** Records that the batch being applied replaces {@code key}'s {@code old} value. Writer only, under the lock. */
  void record(K key, @Nullable V old) {
    Entry<V> entry = new Entry<>(this, key, snapshots.applyingVersion(), old);
    Chain<V> chain = chains.get(key);
    if (chain == null) {
      chain = new Chain<>();
      chain.head = entry;
      chain.tail = entry;
      chains.put(key, chain);
    } else {
      Entry<V> tail = chain.tail;
      chain.tail = entry;
      if (tail == null) {
        chain.head = entry;
      } else {
        tail.next = entry; // published by the volatile write: a reader following the chain sees a whole entry
      }
    }
    snapshots.recorded(entry);
  }

  /**
   * The entry that says what {@code key} held at {@code version}: the oldest replaced after it. {@code null} when
   * nothing replaced it since, so the current value (read before calling this) is the one.
   */
  @Nullable Entry<V> at(K key, long version) {
    Chain<V> chain = chains.get(key);
    if (chain == null) {
      return null;
    }
    for (Entry<V> e = chain.head; e != null; e = e.next) {
      if (e.replacedAt > version) {
        return e;
      }
    }
    return null;
  }

  /** The smallest changed key at or after ({@code inclusive}) or strictly after {@code key}; sorted logs only. */
  @Nullable K next(K key, boolean inclusive) {
    ConcurrentNavigableMap<K, ?> sorted = (ConcurrentNavigableMap<K, ?>) chains;
    return inclusive ? sorted.ceilingKey(key) : sorted.higherKey(key);
  }

  /** The smallest changed key; sorted logs only. */
  @Nullable K first() {
    Map.Entry<K, ?> first = ((ConcurrentNavigableMap<K, ?>) chains).firstEntry();
    return first == null ? null : first.getKey();
  }

  @SuppressWarnings("unchecked")
  private void dropOldest(Object key, Entry<V> entry) {
    K k = (K) key;
    Chain<V> chain = chains.get(k);
    if (chain == null || chain.head != entry) {
      throw new IllegalStateException("undo entries of " + key + " are not dropped oldest first");
    }
    Entry<V> next = chain.head.next;
    chain.head = next;
    if (next == null) {
      // Safe: appends happen under the same lock, and a reader still holding the chain needs none of its entries.
      chain.tail = null;
      chains.remove(k, chain);
    }
    if (onDrop != null) {
      onDrop.dropped(k, entry.old);
    }
  }

  /** Keys with at least one entry. */
  int keys() {
    return chains.size();
  }
}
