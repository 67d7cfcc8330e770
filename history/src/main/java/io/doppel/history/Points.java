package io.doppel.history;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A growable run of points as primitive arrays (times in epoch milliseconds), so reads allocate no boxes. A point
 * holds a number, or a text (a string or enum value) when {@code texts} has one at its index; the array is only
 * allocated once a text is added, so numeric runs cost nothing extra.
 */
final class Points {
  long[] times;
  double[] values;
  String @Nullable [] texts;
  int size;

  Points(int capacity) {
    times = new long[Math.max(4, capacity)];
    values = new double[times.length];
  }

  void add(long time, double value) {
    grow();
    times[size] = time;
    values[size] = value;
    if (texts != null) {
      texts[size] = null;
    }
    size++;
  }

  /** Adds a point whose value is {@code text} when not null, else {@code value}. */
  void add(long time, double value, @Nullable String text) {
    if (text == null) {
      add(time, value);
      return;
    }
    grow();
    if (texts == null) {
      texts = new String[times.length];
    }
    times[size] = time;
    values[size] = Double.NaN;
    texts[size] = text;
    size++;
  }

  /** The text at {@code i}, or null when that point is a number. */
  @Nullable String text(int i) {
    return texts == null ? null : texts[i];
  }

  boolean hasTexts() {
    if (texts != null) {
      for (int i = 0; i < size; i++) {
        if (texts[i] != null) {
          return true;
        }
      }
    }
    return false;
  }

  long first() {
    return times[0];
  }

  long last() {
    return times[size - 1];
  }

  private void grow() {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      values = Arrays.copyOf(values, size * 2);
      if (texts != null) {
        texts = Arrays.copyOf(texts, size * 2);
      }
    }
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
    String[] s = texts == null ? null : new String[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      int k = order[i];
      if (n == 0 || t[n - 1] != times[k]) {
        n++;
      }
      t[n - 1] = times[k];
      v[n - 1] = values[k];
      if (s != null) {
        s[n - 1] = texts[k];
      }
    }
    times = t;
    values = v;
    texts = s;
    size = n;
  }
}
