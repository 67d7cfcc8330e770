package io.doppel.sim.network;

import java.util.Arrays;

/**
 * The customers in the network as rows of primitive arrays, reused through a free list: a customer is an int, so a
 * run allocates nothing per customer once the arrays have grown to the largest population seen. A generation
 * number per row tells a stale timeout (its customer has since been served, or the row reused) from a live one.
 */
final class CustomerPool {
  static final byte IDLE = 0;
  static final byte WAITING = 1;
  static final byte IN_SERVICE = 2;
  /** Timed out, but still in its station's queue array until the queue reaches it. */
  static final byte ABANDONED = 3;

  private final int max;
  double[] enteredNetwork;
  double[] enteredStation;
  int[] station;
  int[] generation;
  byte[] state;
  private int[] free;
  private int freeCount;
  private int used;

  CustomerPool(int max) {
    this.max = max;
    int initial = Math.min(max, 1024);
    enteredNetwork = new double[initial];
    enteredStation = new double[initial];
    station = new int[initial];
    generation = new int[initial];
    state = new byte[initial];
    free = new int[initial];
  }

  /** A fresh customer's row, or -1 when {@code max} customers are already in the network. */
  int allocate() {
    int c;
    if (freeCount > 0) {
      c = free[--freeCount];
    } else {
      if (used == enteredNetwork.length && !grow()) {
        return -1;
      }
      c = used++;
    }
    generation[c]++;
    return c;
  }

  void release(int c) {
    state[c] = IDLE;
    free[freeCount++] = c;
  }

  /** Customers currently in the network. */
  int inUse() {
    return used - freeCount;
  }

  private boolean grow() {
    if (used >= max) {
      return false;
    }
    int n = (int) Math.min(max, used * 2L);
    enteredNetwork = Arrays.copyOf(enteredNetwork, n);
    enteredStation = Arrays.copyOf(enteredStation, n);
    station = Arrays.copyOf(station, n);
    generation = Arrays.copyOf(generation, n);
    state = Arrays.copyOf(state, n);
    free = Arrays.copyOf(free, n);
    return true;
  }
}
