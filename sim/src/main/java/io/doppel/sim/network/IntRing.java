package io.doppel.sim.network;

/** A growable FIFO of ints (customer rows) in a power-of-two ring. */
final class IntRing {
  private int[] items = new int[16];
  private int head;
  private int size;

  void add(int value) {
    if (size == items.length) {
      int[] bigger = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = items[(head + i) & (items.length - 1)];
      }
      items = bigger;
      head = 0;
    }
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  /** The oldest value, removed; the ring must not be empty. */
  int poll() {
    int value = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return value;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
