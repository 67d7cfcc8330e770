package io.doppel.history;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the change log holds every change up to a version. The engine hands events to the history's queue in
 * version order before it publishes past them, so once {@link TwinEngine#publishedVersion()} has reached the
 * version, a job queued behind them runs after they are written.
 */
final class Barrier {
  private static final long WAIT_SECONDS = 30;

  private Barrier() {}

  /** Returns once the engine has handed every event up to {@code version} to the history's writer. */
  static void published(TwinEngine engine, long version) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (engine.publishedVersion() < version) {
      if (System.nanoTime() - deadline > 0) {
        throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the engine did not publish version " + version
            + " within " + WAIT_SECONDS + " s");
      }
      LockSupport.parkNanos(50_000);
    }
  }

  /** Returns once every change up to {@code version} is durable in the change log. */
  static void logged(TwinEngine engine, SeriesWriter writer, long version) {
    published(engine, version);
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!writer.submit(new SeriesWriter.Job(() -> { }, done))) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the history is closed");
    }
    try {
      done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "interrupted while waiting for the change log");
    } catch (ExecutionException | TimeoutException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the change log did not catch up with version " + version
          + ": " + e);
    }
  }
}
