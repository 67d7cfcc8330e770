package io.doppel.sim.network;

/** A growable FIFO of ints (customer rows) in a power-of-two ring. */
final class IntRing {
  private int[] items = new int[16];
  private int head;
  private int size;

  void add(int value) {
    ensureRoom();
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  /** Puts a value at the head, to leave next (an interrupted customer resuming before those waiting). */
  void addFirst(int value) {
    ensureRoom();
    head = (head - 1) & (items.length - 1);
    items[head] = value;
    size++;
  }

  private void ensureRoom() {
    if (size == items.length) {
      int[] bigger = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = items[(head + i) & (items.length - 1)];
      }
      items = bigger;
      head = 0;
    }
  }

  /** The oldest value, removed; the ring must not be empty. */
  int poll() {
    int value = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
