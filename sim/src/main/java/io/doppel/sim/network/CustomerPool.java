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
  /** On a route with a transport delay. */
  static final byte IN_TRANSIT = 4;
  /** Served, but holding its server until the blocking station downstream has room. */
  static final byte BLOCKED = 5;
  /** Waiting for stock at an inventory. */
  static final byte BACKORDERED = 6;
  /** Waiting out a retry's backoff. */
  static final byte BACKING_OFF = 7;
  /** Served, and waiting for the reply of a synchronous call its station made. */
  static final byte CALLING = 8;

  /** {@link #remaining}: a fresh service, to be drawn. */
  static final double FRESH = Double.NaN;
  /** {@link #remaining}: an interrupted service to be drawn anew (restart). */
  static final double RESTART = -1;

  private final int max;
  double[] enteredNetwork;
  double[] enteredStation;
  int[] station;
  int[] generation;
  byte[] state;
  /** When the current service ends (to resume an interrupted one). */
  double[] serviceEnd;
  /** {@link #FRESH}, {@link #RESTART} or the service time left after an interruption. */
  double[] remaining;
  /** The server slot held, at stations that track their servers (failures). */
  int[] slot;
  /** The watched route whose call this is, or -1. */
  int[] call;
  /** When the current call attempt was sent. */
  double[] callStart;
  /** Retries already made on the current call. */
  int[] attempt;
  /** Numbers the current call so a stale call timeout is told from a live one. */
  int[] callSeq;
  /** A blocked customer's chosen route position at its station. */
  int[] next;
  /** The customer waiting for this one's reply (a synchronous call), or -1. */
  int[] parent;
  /** The next synchronous call its station is to consider making. */
  int[] callIndex;
  /** The caller's generation when this call went out: a reply to a caller that has since moved on is stale. */
  int[] parentGeneration;
  /** Parallel calls of this caller still out (neither replied nor failed). */
  int[] callsOut;
  /** Replies this caller still waits for before it goes on (parallel calls). */
  int[] repliesNeeded;
  /** The caller gave up on this visit: served for nothing, then gone. */
  boolean[] orphan;
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
    serviceEnd = new double[initial];
    remaining = new double[initial];
    slot = new int[initial];
    call = new int[initial];
    callStart = new double[initial];
    attempt = new int[initial];
    callSeq = new int[initial];
    next = new int[initial];
    orphan = new boolean[initial];
    parent = new int[initial];
    callIndex = new int[initial];
    parentGeneration = new int[initial];
    callsOut = new int[initial];
    repliesNeeded = new int[initial];
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
    remaining[c] = FRESH;
    call[c] = -1;
    orphan[c] = false;
    parent[c] = -1;
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
    serviceEnd = Arrays.copyOf(serviceEnd, n);
    remaining = Arrays.copyOf(remaining, n);
    slot = Arrays.copyOf(slot, n);
    call = Arrays.copyOf(call, n);
    callStart = Arrays.copyOf(callStart, n);
    attempt = Arrays.copyOf(attempt, n);
    callSeq = Arrays.copyOf(callSeq, n);
    next = Arrays.copyOf(next, n);
    orphan = Arrays.copyOf(orphan, n);
    parent = Arrays.copyOf(parent, n);
    callIndex = Arrays.copyOf(callIndex, n);
    parentGeneration = Arrays.copyOf(parentGeneration, n);
    callsOut = Arrays.copyOf(callsOut, n);
    repliesNeeded = Arrays.copyOf(repliesNeeded, n);
    free = Arrays.copyOf(free, n);
    return true;
  }
}
