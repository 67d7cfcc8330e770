package io.doppel.sim.kernel;

import java.util.Arrays;

/**
 * The later part of a large {@link EventQueue}: events in buckets of equal width over a span of time (a calendar
 * queue's "year"), unsorted, and those beyond the span in an overflow list. The queue's heap holds the events of
 * the buckets already reached, so it stays a few dozen events deep however many are pending, and only the
 * earliest bucket is ever sorted; each event is moved about twice (overflow to bucket, bucket to heap) instead of
 * sifting through a heap of all of them, where at 10,000 pending every level is a cache miss. When the buckets are
 * used up, the overflow makes the next span, the width set from its spread and count.
 *
 * <p>Which bucket an event belongs to is one monotone function of its time, so every event in the heap (an earlier
 * bucket, or before the span) is strictly earlier than every event here; among equal times the heap's order words
 * decide, as before. Events sit in one pool of slots, each bucket a linked list through it: appends and takes are
 * constant time, and nothing is allocated once the pool has grown. A slot is four longs side by side (time bits,
 * order word, payload, next slot), so an event is one cache line to write and one to read back.
 */
final class CalendarBuckets {
  private static final int NONE = -1;
  private static final int MIN_BUCKETS = 16;

  private static final int STRIDE = 4;
  private static final int TIME = 0;
  private static final int ORDER = 1;
  private static final int PAYLOAD = 2;
  private static final int NEXT = 3;

  /** Slot {@code s} at {@code pool[s * STRIDE ...]}. */
  private long[] pool = new long[0];
  private int free = NONE;
  private int used;

  private int[] heads = new int[0];
  private int buckets;
  /** The next bucket not yet handed to the heap. */
  private int cursor;
  private double spanStart;
  /** Buckets per time unit. */
  private double scale;

  private int overflow = NONE;
  private int overflowCount;
  private double overflowMin;
  private double overflowMax;

  private int size;

  int size() {
    return size;
  }

  /**
   * Adds the event unless it belongs to the heap (before the span, or in a bucket already handed over): then
   * false.
   */
  boolean add(double time, long order, long payload) {
    if (time < spanStart) {
      return false;
    }
    int b = (int) ((time - spanStart) * scale);
    if (b < cursor) {
      return false;
    }
    int slot = slot(time, order, payload);
    if (b < buckets) {
      setNext(slot, heads[b]);
      heads[b] = slot;
    } else {
      toOverflow(slot, time);
    }
    size++;
    return true;
  }

  /** Takes in events that were all in an empty heap, and lays out a span over them. */
  void start(EventQueue heapEvents, int count) {
    heapEvents.drainHeapTo(this, count);
    newSpan();
  }

  /** Called back by {@link EventQueue#drainHeapTo}: an event into the overflow, to be laid out by {@link #newSpan}. */
  void addToOverflow(double time, long order, long payload) {
    toOverflow(slot(time, order, payload), time);
    size++;
  }

  /**
   * Hands the earliest non-empty bucket to the heap (which must be empty), starting a new span from the overflow
   * when the buckets are used up; false when no event is left.
   */
  boolean refill(EventQueue heap) {
    while (true) {
      while (cursor < buckets && heads[cursor] == NONE) {
        cursor++;
      }
      if (cursor < buckets) {
        int s = heads[cursor];
        heads[cursor] = NONE;
        cursor++;
        long[] p = pool;
        while (s != NONE) {
          int at = s * STRIDE;
          int after = (int) p[at + NEXT];
          heap.pushToHeap(Double.longBitsToDouble(p[at + TIME]), p[at + ORDER], p[at + PAYLOAD]);
          p[at + NEXT] = free;
          free = s;
          size--;
          s = after;
        }
        return true;
      }
      if (overflowCount == 0) {
        return false;
      }
      newSpan();
    }
  }

  /** Hands every event to the heap and empties the buckets. */
  void drainTo(EventQueue heap) {
    for (int b = cursor; b < buckets; b++) {
      for (int s = heads[b]; s != NONE; s = next(s)) {
        push(heap, s);
      }
    }
    for (int s = overflow; s != NONE; s = next(s)) {
      push(heap, s);
    }
    clear();
  }

  void clear() {
    Arrays.fill(heads, NONE);
    buckets = 0;
    cursor = 0;
    spanStart = Double.NEGATIVE_INFINITY;
    scale = 0;
    overflow = NONE;
    overflowCount = 0;
    free = NONE;
    used = 0;
    size = 0;
  }

  /**
   * A span from the overflow's earliest to its latest time in about one bucket per event, and the overflow laid
   * out over it (those that fall past its end, by rounding, stay in the overflow; the earliest never does). The
   * heap is empty: nothing pending is before the new span's start.
   */
  private void newSpan() {
    int n = overflowCount;
    int count = Math.max(MIN_BUCKETS, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    if (heads.length < count) {
      heads = new int[count];
    }
    Arrays.fill(heads, 0, count, NONE);
    buckets = count;
    cursor = 0;
    spanStart = overflowMin;
    double spread = overflowMax - overflowMin;
    scale = spread > 0 ? count / spread : 0;
    if (!(scale < Double.POSITIVE_INFINITY)) {
      scale = 0; // a spread too small to divide: one bucket, sorted by the heap
    }
    int s = overflow;
    overflow = NONE;
    overflowCount = 0;
    while (s != NONE) {
      int after = next(s);
      double t = Double.longBitsToDouble(pool[s * STRIDE + TIME]);
      int b = (int) ((t - spanStart) * scale);
      if (b < buckets) {
        setNext(s, heads[b]);
        heads[b] = s;
      } else {
        toOverflow(s, t);
      }
      s = after;
    }
  }

  private void toOverflow(int slot, double time) {
    if (overflowCount == 0) {
      overflowMin = time;
      overflowMax = time;
    } else {
      overflowMin = Math.min(overflowMin, time);
      overflowMax = Math.max(overflowMax, time);
    }
    setNext(slot, overflow);
    overflow = slot;
    overflowCount++;
  }

  private int slot(double time, long order, long payload) {
    int s = free;
    if (s != NONE) {
      free = next(s);
    } else {
      if (used * STRIDE == pool.length) {
        pool = Arrays.copyOf(pool, Math.max(1024, used * 2) * STRIDE);
      }
      s = used++;
    }
    int at = s * STRIDE;
    pool[at + TIME] = Double.doubleToRawLongBits(time);
    pool[at + ORDER] = order;
    pool[at + PAYLOAD] = payload;
    return s;
  }

  private int next(int slot) {
    return (int) pool[slot * STRIDE + NEXT];
  }

  private void setNext(int slot, int next) {
    pool[slot * STRIDE + NEXT] = next;
  }

  private void push(EventQueue heap, int s) {
    int at = s * STRIDE;
    heap.pushToHeap(Double.longBitsToDouble(pool[at + TIME]), pool[at + ORDER], pool[at + PAYLOAD]);
  }
}
