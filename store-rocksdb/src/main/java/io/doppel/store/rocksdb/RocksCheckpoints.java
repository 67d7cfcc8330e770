package io.doppel.store.rocksdb;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * RocksDB checkpoints for every Doppel store: {@code Checkpoint.createCheckpoint} flushes the memtables and
 * hard-links the live files into a new directory while writes go on, so the copy is one consistent point of the
 * store's history. The caller keeps the database open for the duration (each store guards that against close).
 */
public final class RocksCheckpoints {
  static {
    RocksDB.loadLibrary();
  }

  private RocksCheckpoints() {}

  /** Checkpoints {@code db} into {@code target}; {@code format} is the store's format version, recorded as is. */
  public static StoreCheckpoint create(RocksDB db, Path target, int format) {
    if (Files.exists(target)) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "the checkpoint directory " + target + " exists already");
    }
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot checkpoint " + target.getFileName() + " into "
          + target + ": " + e.getMessage());
    }
    return new StoreCheckpoint(sequenceOf(target), fileCount(target), size(target), format);
  }

  /**
   * The sequence number a checkpoint stops at, read by opening it: the live database's number has moved on by the
   * time the checkpoint returns, and opening also proves the copy is readable.
   */
  public static long sequenceOf(Path directory) {
    try (Options options = new Options(); RocksDB copy = RocksDB.openReadOnly(options, directory.toString())) {
      return copy.getLatestSequenceNumber();
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the checkpoint in " + directory + " does not open: "
          + e.getMessage());
    }
  }

  static int fileCount(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return (int) files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
