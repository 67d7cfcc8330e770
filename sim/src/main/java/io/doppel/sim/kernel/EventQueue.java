package io.doppel.sim.kernel;

import java.util.Arrays;

/**
 * Pending events as a 4-ary min-heap over parallel primitive arrays: a time, an order word (insertion sequence in
 * the high bits, the event kind in the low {@value #KIND_BITS}) and a 64-bit payload. Equal times leave in insertion
 * order (FIFO), which makes a run reproducible whatever the heap's shape.
 *
 * <p>Four children per node keep the heap shallow and the children's times side by side in one cache line; the
 * earliest of a full group of four is found by a tournament of conditional moves rather than branches, which among
 * random times are mispredicted about half the time (that was most of a sift's cost). The polled event keeps the
 * root slot until the next operation: when that is an {@link #offer} (most handlers schedule a follow-up), the new
 * event replaces the root with one sift-down instead of a removal plus an insertion.
 *
 * <p>Past {@value #BUCKETED_ABOVE} pending events the later ones move out of the heap into {@link CalendarBuckets}
 * and come back a bucket at a time as the heap empties, so the heap stays small (at 10,000 pending a heap of all
 * of them cost twice as much per event as at 1,000, a cache miss a level); below {@value #HEAP_BELOW} the heap
 * takes them all back. The events leave in the same order either way, so which holds them never shows.
 */
public final class EventQueue {
  /** Bits of the order word that carry the event kind. */
  public static final int KIND_BITS = 8;

  /** Largest event kind a caller may use. */
  public static final int MAX_KIND = (1 << KIND_BITS) - 1;

  private static final int INITIAL_CAPACITY = 1024;
  /** Pending events above which the calendar buckets take the later ones. */
  static final int BUCKETED_ABOVE = 4096;
  /** Pending events below which the heap takes them all back (well apart, so no count flips them to and fro). */
  static final int HEAP_BELOW = 1024;

  private double[] times;
  private long[] orders;
  private long[] payloads;
  private int size;
  private long nextSequence;
  private final int maxSize;
  private boolean rootVacant;
  /** Whether the later events are in {@link #calendar}. */
  private boolean bucketed;
  private final CalendarBuckets calendar = new CalendarBuckets();

  private double polledTime;
  private int polledKind;
  private long polledPayload;

  /** A queue that refuses to hold more than {@code maxSize} pending events (the guard against runaway models). */
  public EventQueue(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1: " + maxSize);
    }
    this.maxSize = maxSize;
    int initial = Math.min(INITIAL_CAPACITY, maxSize);
    times = new double[initial];
    orders = new long[initial];
    payloads = new long[initial];
  }

  /**
   * Adds an event; {@code false} when the queue already holds its maximum.
   *
   * @param kind 0 to {@link #MAX_KIND}
   */
  public boolean offer(double time, int kind, long payload) {
    long order = (nextSequence++ << KIND_BITS) | kind;
    if (bucketed) {
      if (size() >= maxSize) {
        return false;
      }
      if (calendar.add(time, order, payload)) {
        return true;
      }
    }
    if (rootVacant) {
      rootVacant = false;
      siftDown(0, time, order, payload);
      return true;
    }
    if (size == times.length && !grow()) {
      return false;
    }
    siftUp(size++, time, order, payload);
    if (size > BUCKETED_ABOVE && !bucketed) {
      bucketed = true;
      calendar.start(this, size);
    }
    return true;
  }

  /** Takes the earliest event into {@link #polledTime()}, {@link #polledKind()}, {@link #polledPayload()}. */
  public boolean poll() {
    if (rootVacant) {
      removeRoot();
    }
    if (size == 0 && !(bucketed && calendar.refill(this))) {
      return false;
    }
    if (bucketed && size + calendar.size() < HEAP_BELOW) {
      bucketed = false;
      calendar.drainTo(this);
    }
    polledTime = times[0];
    polledKind = (int) (orders[0] & MAX_KIND);
    polledPayload = payloads[0];
    rootVacant = true;
    return true;
  }

  /** Time of the earliest pending event, {@code +Infinity} when none. */
  public double peekTime() {
    if (rootVacant) {
      removeRoot();
    }
    if (size == 0 && !(bucketed && calendar.refill(this))) {
      return Double.POSITIVE_INFINITY;
    }
    return times[0];
  }

  public double polledTime() {
    return polledTime;
  }

  public int polledKind() {
    return polledKind;
  }

  public long polledPayload() {
    return polledPayload;
  }

  /** Pending events. */
  public int size() {
    return (rootVacant ? size - 1 : size) + (bucketed ? calendar.size() : 0);
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  public void clear() {
    size = 0;
    rootVacant = false;
    nextSequence = 0;
    bucketed = false;
    calendar.clear();
  }

  /** Into the heap, growing it as needed (the calendar's events coming back). */
  void pushToHeap(double time, long order, long payload) {
    if (size == times.length) {
      grow();
    }
    siftUp(size++, time, order, payload);
  }

  /** Hands the heap's {@code count} events (the heap must hold no vacant root) to the calendar's overflow. */
  void drainHeapTo(CalendarBuckets to, int count) {
    for (int i = 0; i < count; i++) {
      to.addToOverflow(times[i], orders[i], payloads[i]);
    }
    size = 0;
  }

  private void removeRoot() {
    rootVacant = false;
    int last = --size;
    if (last > 0) {
      siftDown(0, times[last], orders[last], payloads[last]);
    }
  }

  private void siftUp(int index, double time, long order, long payload) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      double parentTime = times[parent];
      if (parentTime < time || (parentTime == time && orders[parent] < order)) {
        break;
      }
      times[i] = parentTime;
      orders[i] = orders[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    payloads[i] = payload;
  }

  private void siftDown(int index, double time, long order, long payload) {
    int i = index;
    int n = size;
    while (true) {
      int child = (i << 2) + 1;
      if (child >= n) {
        break;
      }
      int best = earliestOf(child, Math.min(child + 4, n));
      double bestTime = times[best];
      long bestOrder = orders[best];
      if (time < bestTime || (time == bestTime && order < bestOrder)) {
        break;
      }
      times[i] = bestTime;
      orders[i] = bestOrder;
      payloads[i] = payloads[best];
      i = best;
    }
    times[i] = time;
    orders[i] = order;
    payloads[i] = payload;
  }

  /** The earliest of up to four siblings; among equal times the first inserted. */
  private int earliestOf(int first, int end) {
    if (end - first == 4) {
      // a tournament of conditional moves: the comparisons among four random times are unpredictable branches
      double[] t = times;
      double t0 = t[first];
      double t1 = t[first + 1];
      double t2 = t[first + 2];
      double t3 = t[first + 3];
      int left = t1 < t0 ? first + 1 : first;
      double leftTime = Math.min(t0, t1);
      int right = t3 < t2 ? first + 3 : first + 2;
      double rightTime = Math.min(t2, t3);
      int best = rightTime < leftTime ? right : left;
      // exact ties are rare: then the plain scan decides by insertion order
      if ((t0 == t1) | (t2 == t3) | (leftTime == rightTime)) {
        return scan(first, end);
      }
      return best;
    }
    return scan(first, end);
  }

  private int scan(int first, int end) {
    int best = first;
    double bestTime = times[first];
    for (int k = first + 1; k < end; k++) {
      double t = times[k];
      if (t < bestTime) {
        best = k;
        bestTime = t;
      } else if (t == bestTime && orders[k] < orders[best]) {
        best = k;
      }
    }
    return best;
  }

  private boolean grow() {
    if (times.length >= maxSize) {
      return false;
    }
    int capacity = (int) Math.min(maxSize, Math.max(16L, times.length * 2L));
    times = Arrays.copyOf(times, capacity);
    orders = Arrays.copyOf(orders, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    return true;
  }
}
