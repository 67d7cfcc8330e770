package io.doppel.server;

import java.time.Duration;

/**
 * The requests working in one tenant, so that deleting it neither pulls its stores from under a request nor hangs:
 * a request enters before its handler runs and leaves when its response is done (asynchronous writes included);
 * once the tenant is closing no request enters (it is answered 404 {@code TENANT_NOT_FOUND}), and the deletion waits
 * for those inside to leave before it closes anything. Thread-safe.
 */
final class TenantGate {
  /**
   * Counted without a lock: every request of the tenant enters and leaves, and a monitor they all take twice was a
   * visible share of a write's CPU. Enter counts itself in before it looks at {@link #closing}, close sets it before
   * it looks at the count, so a request either sees the tenant closing (and backs out) or is waited for.
   */
  private final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closing;

  /** False when the tenant is closing: the request must not run. */
  boolean enter() {
    inside.incrementAndGet();
    if (closing) {
      leave();
      return false;
    }
    return true;
  }

  void leave() {
    if (inside.decrementAndGet() == 0 && closing) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Lets no one in any more and waits up to {@code timeout} for those inside; true when all left. */
  synchronized boolean close(Duration timeout) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inside.get() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  int inside() {
    return inside.get();
  }
}
