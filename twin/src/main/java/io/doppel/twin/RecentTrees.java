package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The decoded documents of recently written twins, so that the next patch of a hot twin starts from a tree instead
 * of decoding its Smile bytes (decoding was the largest cost of a patch). A fixed table of two-slot sets, so memory
 * stays bounded whatever the number of twins: a twin id hashes to one set, its newest tree goes first and the one
 * it displaces moves to the second slot (two ways halve the misses of a direct-mapped table of the same size when
 * twin ids collide). An entry is valid only for the exact encoded document it was recorded with (compared by
 * identity: every write encodes a new array, and a queued write's provisional state shares its array with the
 * state it becomes), so a stale tree is never used, and a lost update under a race only costs a decode.
 * Trees in the table are shared and must not be modified: they are also the documents carried by events.
 */
final class RecentTrees {
  private record Entry(String id, byte[] encoded, ObjectNode document) {}

  private final AtomicReferenceArray<@Nullable Entry> slots;
  private final int shift;

  /** {@code capacity} (slots, two per set) is rounded up to a power of two, at least 4. */
  RecentTrees(int capacity) {
    int size = Math.max(4, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
    this.slots = new AtomicReferenceArray<>(size);
    this.shift = 32 - Integer.numberOfTrailingZeros(size / 2);
  }

  /** The read-only document of {@code state}, when it is still in the table. */
  @Nullable ObjectNode get(TwinState state) {
    int first = set(state.id());
    byte[] encoded = state.document();
    Entry e = slots.getAcquire(first);
    if (e != null && e.encoded() == encoded) {
      return e.document();
    }
    e = slots.getAcquire(first + 1);
    return e != null && e.encoded() == encoded ? e.document() : null;
  }

  /** Records the document of a state just made current; {@code document} must not be modified afterwards. */
  void put(TwinState state, ObjectNode document) {
    int first = set(state.id());
    Entry fresh = new Entry(state.id(), state.document(), document);
    Entry head = slots.getAcquire(first);
    // The twin's older tree in the first slot is dead: overwrite it; another twin's moves to the second slot.
    if (head != null && !head.id().equals(state.id())) {
      slots.setRelease(first + 1, head);
    }
    slots.setRelease(first, fresh);
  }

  private int set(String id) {
    // Fibonacci hashing: twin ids such as "sensor-1234" have clustered String hashes that a mask alone maps to the
    // same slots (a third of 10,000 such ids collided); the multiplication spreads them over the high bits.
    return (id.hashCode() * 0x9E3779B9 >>> shift) << 1;
  }
}
