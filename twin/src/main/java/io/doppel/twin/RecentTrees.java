package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The decoded documents of recently written twins, so that the next patch of a hot twin starts from a tree instead
 * of decoding its Smile bytes (decoding was the largest cost of a patch), and so that the writer indexes a twin
 * without decoding what its caller has just built.
 *
 * <p>Two tables of two-slot sets, so memory stays bounded whatever the number of twins. A small <em>recent</em>
 * table takes every write's tree: it only has to bridge the time from a caller preparing a write to the writer
 * applying it. A large <em>retained</em> table takes the trees of twins written again within a window (seen in a
 * table of id hashes that holds no trees), and keeps them while they stay hot. Without that admission, writes spread
 * over a million twins kept every tree for seconds, long enough for the collector to copy and promote them all and
 * too short to be reused (3% hits); the retained table now takes ≈2% of those writes, and hot twins still find their
 * tree from their third write on.
 *
 * <p>An entry is valid only for the exact encoded document it was recorded with (compared by identity: every write
 * encodes a new array, and a queued write's provisional state shares its array with the state it becomes), so a
 * stale tree is never used, and a lost update under a race only costs a decode. Trees in the tables are shared and
 * must not be modified: they are also the documents carried by events.
 */
final class RecentTrees {
  private record Entry(String id, byte[] encoded, ObjectNode document) {}

  private final Table recent;
  private final Table retained;
  /** Per retained set, the hash of the last twin written there that was not admitted (0: none). */
  private final AtomicIntegerArray seen;

  /** Slot counts (two per set) are rounded up to powers of two, at least 4. */
  RecentTrees(int retainedSlots, int recentSlots) {
    this.retained = new Table(retainedSlots);
    this.recent = new Table(recentSlots);
    this.seen = new AtomicIntegerArray(retained.sets());
  }

  /** The read-only document of {@code state}, when it is still in a table. */
  @Nullable ObjectNode get(TwinState state) {
    ObjectNode tree = recent.get(state);
    return tree != null ? tree : retained.get(state);
  }

  /** Records the document of a state about to be or just made current; {@code document} must not be modified. */
  void put(TwinState state, ObjectNode document) {
    // The provisional state a caller queues and the state the writer makes of it share their bytes: one write.
    boolean sameWrite = recent.get(state) != null;
    Entry fresh = new Entry(state.id(), state.document(), document);
    recent.put(fresh);
    if (retained.holds(state.id())) {
      admit(fresh);
      return;
    }
    if (sameWrite) {
      return;
    }
    int set = retained.set(state.id());
    if (seen.get(set) == mark(state.id())) {
      admit(fresh);
    } else {
      seen.set(set, mark(state.id()));
    }
  }

  private void admit(Entry fresh) {
    Entry evicted = retained.put(fresh);
    if (evicted != null) {
      // A hot twin pushed out by two others in its set comes back at its next write, not the one after.
      seen.set(retained.set(evicted.id()), mark(evicted.id()));
    }
  }

  private static int mark(String id) {
    return id.hashCode() | 1; // never 0, the empty mark
  }

  /** A table of two-slot sets: a twin id hashes to one set, its newest tree first, the one it displaces second. */
  static final class Table {
    private final AtomicReferenceArray<@Nullable Entry> slots;
    private final int shift;

    Table(int capacity) {
      int size = Math.max(4, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
      this.slots = new AtomicReferenceArray<>(size);
      this.shift = 32 - Integer.numberOfTrailingZeros(size / 2);
    }

    int sets() {
      return slots.length() / 2;
    }

    @Nullable ObjectNode get(TwinState state) {
      int first = set(state.id()) << 1;
      byte[] encoded = state.document();
      Entry e = slots.getAcquire(first);
      if (e != null && e.encoded() == encoded) {
        return e.document();
      }
      e = slots.getAcquire(first + 1);
      return e != null && e.encoded() == encoded ? e.document() : null;
    }

    /** Whether a tree of twin {@code id} (of any of its writes) is in the table. */
    boolean holds(String id) {
      int first = set(id) << 1;
      Entry e = slots.getAcquire(first);
      if (e != null && e.id().equals(id)) {
        return true;
      }
      e = slots.getAcquire(first + 1);
      return e != null && e.id().equals(id);
    }

    /** Puts {@code fresh} first in its set; answers another twin's entry it pushed out of the set, if any. */
    @Nullable Entry put(Entry fresh) {
      int first = set(fresh.id()) << 1;
      Entry head = slots.getAcquire(first);
      Entry evicted = null;
      // The twin's older tree in the first slot is dead: overwrite it; another twin's moves to the second slot.
      if (head != null && !head.id().equals(fresh.id())) {
        Entry second = slots.getAcquire(first + 1);
        if (second != null && !second.id().equals(fresh.id())) {
          evicted = second;
        }
        slots.setRelease(first + 1, head);
      }
      slots.setRelease(first, fresh);
      return evicted;
    }

    int set(String id) {
      // Fibonacci hashing: twin ids such as "sensor-1234" have clustered String hashes that a mask alone maps to
      // the same slots (a third of 10,000 such ids collided); the multiplication spreads them over the high bits.
      return id.hashCode() * 0x9E3779B9 >>> shift;
    }
  }
}
