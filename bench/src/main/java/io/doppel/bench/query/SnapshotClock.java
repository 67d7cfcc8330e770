package io.doppel.bench.query;

import io.doppel.twin.GraphSnapshot;
import java.util.function.Supplier;

/**
 * The engine's snapshots, timed: opening one waits for the batch the writer is applying, which is part of a query's
 * latency under writes. One query thread: the total since {@link #reset} is a plain field.
 */
final class SnapshotClock implements Supplier<GraphSnapshot> {
  private final Supplier<? extends GraphSnapshot> opener;
  private long nanos;

  SnapshotClock(Supplier<? extends GraphSnapshot> opener) {
    this.opener = opener;
  }

  @Override
  public GraphSnapshot get() {
    long start = System.nanoTime();
    GraphSnapshot snapshot = opener.get();
    nanos += System.nanoTime() - start;
    return snapshot;
  }

  void reset() {
    nanos = 0;
  }

  /** Nanoseconds spent opening snapshots since {@link #reset}. */
  long nanos() {
    return nanos;
  }
}
