package io.doppel.server.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Checks on a data directory that restores and offline backups share. */
final class DataDirs {
  static {
    RocksDB.loadLibrary();
  }

  private DataDirs() {}

  static boolean isEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code dir} holds a RocksDB (the twin store when it is a data directory). */
  static boolean hasStore(Path dir) {
    return Files.exists(dir.resolve("CURRENT"));
  }

  /**
   * Refuses a data directory a server has open. RocksDB's own lock is the test: opening the twin store fails
   * while a process (this one included) holds it. A file lock taken from Java would not see this process's lock
   * and, once released, would drop RocksDB's.
   */
  static void requireNotInUse(Path dataDir) {
    if (!hasStore(dataDir)) {
      return;
    }
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dataDir.toString())) {
      db.getLatestSequenceNumber(); // opened, so nobody else has it; closed again at once
    } catch (RocksDBException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("lock") || message.contains("Resource temporarily unavailable")) {
        throw new BackupFailure(BackupFailure.Code.DATA_DIR_IN_USE, dataDir + " is in use by a running Doppel "
            + "server: stop it first (" + message + ")");
      }
      throw new BackupFailure(BackupFailure.Code.BACKUP_INVALID, "the twin store in " + dataDir + " does not open: "
          + message);
    }
  }
}
