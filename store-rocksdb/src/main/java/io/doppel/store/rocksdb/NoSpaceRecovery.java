package io.doppel.store.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.rocksdb.RocksDBException;

/**
 * When a database stopped by a full disk should be reopened. After RocksDB meets ENOSPC it keeps the database in a
 * background-error state and refuses every later write; without an {@code SstFileManager} nothing resumes it, and
 * RocksJava has no {@code resume()}. Closing and reopening clears the error (the write-ahead log is replayed, so
 * every acknowledged write is kept) once the disk has room for the reopen's flush: {@code neededBytes}, checked at
 * most once a second by the writes that come in meanwhile.
 */
public final class NoSpaceRecovery {
  private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

  private final Path directory;
  private final long neededBytes;
  private final LongSupplier nanoTime;
  private volatile boolean stopped;
  private volatile long nextCheck;

  public NoSpaceRecovery(Path directory, long neededBytes) {
    this(directory, neededBytes, System::nanoTime);
  }

  /** With the clock that paces the look at the disk. */
  public NoSpaceRecovery(Path directory, long neededBytes, LongSupplier nanoTime) {
    this.directory = directory;
    this.neededBytes = neededBytes;
    this.nanoTime = nanoTime;
  }

  /** A write failed: if for want of space, the database is taken as stopped until reopened. */
  public void failed(RocksDBException e) {
    if (RocksFailures.noSpace(e)) {
      stopped = true;
    }
  }

  /** Whether the database is stopped and the disk has room again (then the caller reopens it). */
  public boolean due() {
    if (!stopped) {
      return false;
    }
    long now = nanoTime.getAsLong();
    if (now - nextCheck < 0) {
      return false;
    }
    nextCheck = now + CHECK_EVERY_NANOS;
    try {
      return Files.getFileStore(directory).getUsableSpace() >= neededBytes;
    } catch (IOException e) {
      return false;
    }
  }

  /** The database was reopened: writes go through again. */
  public void recovered() {
    stopped = false;
  }

  /** Whether the last write failed for want of space and no reopen has cleared it yet. */
  public boolean stopped() {
    return stopped;
  }
}
