package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The decoded documents of recently written twins, so that the next patch of a hot twin starts from a tree instead
 * of decoding its Smile bytes (decoding was the largest cost of a patch). A fixed, direct-mapped table: a slot per
 * twin-id hash, the newest write wins, so memory stays bounded whatever the number of twins. An entry is valid only
 * for the exact encoded document it was recorded with (compared by identity: every write encodes a new array, and
 * a queued write's provisional state shares its array with the state it becomes), so a stale tree is never used.
 * Trees in the table are shared and must not be modified: they are also the documents carried by events.
 */
final class RecentTrees {
  private record Entry(byte[] encoded, ObjectNode document) {}

  private final AtomicReferenceArray<@Nullable Entry> slots;
  private final int mask;

  /** {@code capacity} is rounded up to a power of two. */
  RecentTrees(int capacity) {
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /** The read-only document of {@code state}, when it is still in the table. */
  @Nullable ObjectNode get(TwinState state) {
    Entry e = slots.getAcquire(slot(state.id()));
    return e != null && e.encoded() == state.document() ? e.document() : null;
  }

  /** Records the document of a state just made current; {@code document} must not be modified afterwards. */
  void put(TwinState state, ObjectNode document) {
    slots.setRelease(slot(state.id()), new Entry(state.document(), document));
  }

  private int slot(String id) {
    int h = id.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}
