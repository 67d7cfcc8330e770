package io.doppel.history;

import java.util.Arrays;

/** A growable run of points as two primitive arrays (times in epoch milliseconds), so reads allocate no boxes. */
final class Points {
  long[] times;
  double[] values;
  int size;

  Points(int capacity) {
    times = new long[Math.max(4, capacity)];
    values = new double[times.length];
  }

  void add(long time, double value) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    times[size] = time;
    values[size] = value;
    size++;
  }

  long first() {
    return times[0];
  }

  long last() {
    return times[size - 1];
  }

  /**
   * Sorts by time and keeps, of points with equal times, the one added last: within one write batch a later value
   * for the same instant replaces an earlier one.
   */
  void sortKeepingLast() {
    boolean sorted = true;
    for (int i = 1; i < size && sorted; i++) {
      sorted = times[i] > times[i - 1];
    }
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    // Stable: equal times keep their arrival order, so the last of them is the newest.
    Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
    long[] t = new long[size];
    double[] v = new double[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      int k = order[i];
      if (n > 0 && t[n - 1] == times[k]) {
        v[n - 1] = values[k];
      } else {
        t[n] = times[k];
        v[n] = values[k];
        n++;
      }
    }
    times = t;
    values = v;
    size = n;
  }
}
