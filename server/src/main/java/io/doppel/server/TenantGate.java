package io.doppel.server;

import java.time.Duration;

/**
 * The requests working in one tenant, so that deleting it neither pulls its stores from under a request nor hangs:
 * a request enters before its handler runs and leaves when its response is done (asynchronous writes included);
 * once the tenant is closing no request enters (it is answered 404 {@code TENANT_NOT_FOUND}), and the deletion waits
 * for those inside to leave before it closes anything. Thread-safe.
 */
final class TenantGate {
  private int inside;
  private boolean closing;

  /** False when the tenant is closing: the request must not run. */
  synchronized boolean enter() {
    if (closing) {
      return false;
    }
    inside++;
    return true;
  }

  synchronized void leave() {
    if (--inside == 0) {
      notifyAll();
    }
  }

  /** Lets no one in any more and waits up to {@code timeout} for those inside; true when all left. */
  synchronized boolean close(Duration timeout) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inside > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized int inside() {
    return inside;
  }
}
