package io.doppel.twin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An ordered, lazy scan of what a snapshot sees: the current sorted structure (read through a weakly consistent
 * iterator) merged with the keys the undo log says changed since the snapshot (sought afresh at every step), each
 * candidate kept only if it was visible at the snapshot's version.
 *
 * <p>Why nothing is missed: a key visible at the snapshot is in the current structure when the scan starts, or was
 * removed from it after the snapshot and so is in the undo log's changed keys, where it stays while the snapshot is
 * open (the writer records a removal before it removes). If the current iterator skips it because it was removed meanwhile, it was recorded before
 * that, so the fresh seek into the undo log made after it finds it.
 */
final class SnapshotScan<E> implements Iterator<E> {
  /** Changed keys in the scan's order. */
  interface History<E> {
    @Nullable E first();

    @Nullable E next(E key, boolean inclusive);

    /** For structures that keep every entry a snapshot needs until it closes. */
    static <E> History<E> none() {
      return new History<>() {
        @Override
        public @Nullable E first() {
          return null;
        }

        @Override
        public @Nullable E next(E key, boolean inclusive) {
          return null;
        }
      };
    }
  }

  private final Iterator<E> current;
  private final History<E> history;
  private final Comparator<? super E> order;
  private final @Nullable E start;
  private final boolean startInclusive;
  private final Predicate<E> beyond;
  private final Predicate<E> visible;
  private final Runnable check;
  private @Nullable E peeked;
  private @Nullable E last;
  private @Nullable E next;
  private boolean started;
  private boolean done;

  /**
   * @param current the current structure's elements from {@code start} on, ascending
   * @param start where the scan starts ({@code null}: at the beginning)
   * @param beyond true for the first element past the end of the scan (and every later one)
   * @param visible whether an element was visible at the snapshot's version
   * @param check throws when the snapshot can no longer be read (run before and after each step)
   */
  SnapshotScan(Iterator<E> current, History<E> history, Comparator<? super E> order, @Nullable E start,
      boolean startInclusive, Predicate<E> beyond, Predicate<E> visible, Runnable check) {
    this.current = current;
    this.history = history;
    this.order = order;
    this.start = start;
    this.startInclusive = startInclusive;
    this.beyond = beyond;
    this.visible = visible;
    this.check = check;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      check.run();
      next = advance();
      // A close or expiry during the step may have purged what it read: refuse rather than answer wrongly.
      check.run();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public E next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    E result = next;
    next = null;
    return result;
  }

  private @Nullable E advance() {
    while (true) {
      if (peeked == null && current.hasNext()) {
        peeked = current.next();
      }
      while (peeked != null && last != null && order.compare(peeked, last) <= 0) {
        peeked = current.hasNext() ? current.next() : null;
      }
      E changed = !started ? (start == null ? history.first() : history.next(start, startInclusive))
          : history.next(last, false);
      E candidate = min(peeked, changed);
      if (candidate == null || beyond.test(candidate)) {
        return null;
      }
      if (candidate == peeked) {
        peeked = null;
      }
      started = true;
      last = candidate;
      if (visible.test(candidate)) {
        return candidate;
      }
    }
  }

  private @Nullable E min(@Nullable E a, @Nullable E b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return order.compare(a, b) <= 0 ? a : b;
  }

  /** Merges ascending iterators into one ascending iterator (duplicates kept: the scan drops them). */
  static <E> Iterator<E> merge(List<Iterator<E>> sources, Comparator<? super E> order) {
    if (sources.size() == 1) {
      return sources.get(0);
    }
    record Head<E>(E value, Iterator<E> rest) {}
    PriorityQueue<Head<E>> heads = new PriorityQueue<>(Math.max(1, sources.size()),
        (a, b) -> order.compare(a.value(), b.value()));
    for (Iterator<E> s : new ArrayList<>(sources)) {
      if (s.hasNext()) {
        heads.add(new Head<>(s.next(), s));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public E next() {
        Head<E> head = heads.poll();
        if (head == null) {
          throw new NoSuchElementException();
        }
        if (head.rest().hasNext()) {
          heads.add(new Head<>(head.rest().next(), head.rest()));
        }
        return head.value();
      }
    };
  }
}
