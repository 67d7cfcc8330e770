package io.doppel.store.rocksdb;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * RocksDB's failures as the engine's error codes. A full disk is told apart from other I/O failures: it is
 * {@code INSUFFICIENT_STORAGE} (the client may retry once space returns), never an unexplained storage failure.
 * RocksDB then holds the database in a background-error state and refuses further writes (the same mapping applies
 * to those refusals) until its own recovery resumes it or the store reopens it ({@link NoSpaceRecovery}; RocksJava
 * has no {@code resume()} to call).
 */
public final class RocksFailures {
  private RocksFailures() {}

  /** {@code what} names the operation, e.g. "the history write". */
  public static DoppelException of(String what, RocksDBException e) {
    if (noSpace(e)) {
      return new DoppelException(ErrorCode.INSUFFICIENT_STORAGE, "no space left on the data directory's disk: "
          + what + " was not stored (" + e.getMessage() + "); writes resume once space is freed");
    }
    return new DoppelException(ErrorCode.STORAGE_FAILURE, "RocksDB refused " + what + ": " + e.getMessage());
  }

  /**
   * A write refused while a full disk keeps the database stopped (until it is reopened): whatever RocksDB says
   * (its background error, or a read-only fallback's refusal), the cause is the disk.
   */
  public static DoppelException stoppedByFullDisk(String what, RocksDBException e) {
    return noSpace(e) ? of(what, e) : new DoppelException(ErrorCode.INSUFFICIENT_STORAGE, "no space left on the"
        + " data directory's disk: " + what + " was not stored (" + e.getMessage() + "); writes resume once space"
        + " is freed");
  }

  static boolean noSpace(RocksDBException e) {
    Status status = e.getStatus();
    if (status != null && status.getSubCode() == Status.SubCode.NoSpace) {
      return true;
    }
    String message = e.getMessage();
    return message != null && message.contains("No space left on device");
  }
}
