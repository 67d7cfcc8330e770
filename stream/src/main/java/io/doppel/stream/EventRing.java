package io.doppel.stream;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The retained events, oldest first, bounded by a count and by the bytes of their encoded text; appending past
 * either bound evicts the oldest. Each event gets a position (0, 1, 2, ... in append order) that subscribers read
 * by; cursors are versions and are turned into positions once, by binary search.
 *
 * <p>The floor is the newest version the ring may no longer hold: every event with a version above it is retained.
 * A cursor below the floor would silently skip events, so it is refused with {@code CURSOR_EXPIRED}.
 *
 * <p>One thread appends (the stream's dispatcher); any thread reads. Monitors are enough: appends come in batches
 * and readers copy a batch per lock.
 */
final class EventRing {
  private final StreamEvent[] slots;
  /** When each slot's event was appended ({@link System#nanoTime()}), for the stream's stage timings. */
  private final long[] appendedAt;
  private final long maxBytes;
  private long first; // position of the oldest retained event
  private long next; // position the next event gets
  private long bytes;
  private long floor;

  /** A ring that holds every event with a version above {@code floor} once it is appended. */
  EventRing(int capacity, long maxBytes, long floor) {
    if (capacity < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("capacity and bytes must be positive: " + capacity + ", " + maxBytes);
    }
    this.slots = new StreamEvent[capacity];
    this.appendedAt = new long[capacity];
    this.maxBytes = maxBytes;
    this.floor = floor;
  }

  /** Appends an event newer than every retained one; events at or below the floor are dropped (never needed). */
  synchronized void append(StreamEvent event) {
    if (event.version() <= floor || (next > first && event.version() <= newest().version())) {
      return;
    }
    if (next - first == slots.length) {
      evictOldest();
    }
    slots[index(next)] = event;
    appendedAt[index(next)] = System.nanoTime();
    next++;
    bytes += event.weight();
    while (bytes > maxBytes && next - first > 1) {
      evictOldest();
    }
  }

  /**
   * Forgets everything up to {@code version}: events were lost before reaching the ring, so no cursor below it can
   * be served without a gap.
   */
  synchronized void raiseFloor(long version) {
    while (next > first && slots[index(first)].version() <= version) {
      evictOldest();
    }
    floor = Math.max(floor, version);
  }

  /**
   * The position of the first event after {@code cursor} (the next position if none is retained yet).
   *
   * @throws DoppelException {@code CURSOR_EXPIRED} when events after the cursor are no longer retained
   */
  synchronized long positionAfter(long cursor) {
    if (cursor < floor) {
      throw expired(cursor);
    }
    long lo = first;
    long hi = next;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (slots[index(mid)].version() <= cursor) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Copies up to {@code max} events from {@code position} on into {@code out}; returns how many.
   *
   * @return -1 when {@code position} was evicted: the reader fell out of retention
   */
  synchronized int read(long position, int max, List<StreamEvent> out) {
    return read(position, max, out, null);
  }

  /** {@link #read(long, int, List)} that also copies when each event was appended into {@code appended}. */
  synchronized int read(long position, int max, List<StreamEvent> out, long @Nullable [] appended) {
    if (position < first) {
      return -1;
    }
    int n = (int) Math.min(max, next - position);
    for (int i = 0; i < n; i++) {
      out.add(slots[index(position + i)]);
      if (appended != null) {
        appended[i] = appendedAt[index(position + i)];
      }
    }
    return n;
  }

  /** The position the next event will get. */
  synchronized long end() {
    return next;
  }

  synchronized long floor() {
    return floor;
  }

  /** The newest retained version, or the floor when nothing is retained. */
  synchronized long newestVersion() {
    return next > first ? newest().version() : floor;
  }

  synchronized int size() {
    return (int) (next - first);
  }

  synchronized long bytes() {
    return bytes;
  }

  DoppelException expired(long cursor) {
    return new DoppelException(ErrorCode.CURSOR_EXPIRED, "cursor " + cursor + " is older than the retained events "
        + "(they start after version " + floor + "); resynchronise from the twins, then subscribe without a cursor",
        List.of(new DoppelException.Detail(ErrorCode.CURSOR_EXPIRED.name(), "cursor",
            "events after " + cursor + " up to " + floor + " are no longer retained")));
  }

  private StreamEvent newest() {
    return slots[index(next - 1)];
  }

  private void evictOldest() {
    int i = index(first);
    StreamEvent gone = slots[i];
    slots[i] = null;
    bytes -= gone.weight();
    floor = Math.max(floor, gone.version());
    first++;
  }

  private int index(long position) {
    return (int) (position % slots.length);
  }
}
