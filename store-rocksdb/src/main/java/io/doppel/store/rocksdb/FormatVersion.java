package io.doppel.store.rocksdb;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The on-disk format version every Doppel RocksDB keeps under one key: written into a new database, read from an
 * existing one, and a newer, unknown version refused with a clear error rather than misread.
 */
final class FormatVersion {
  private FormatVersion() {}

  /** The format recorded in {@code db} (after recording {@code current} in a new one); {@code what} names it in errors. */
  static int check(RocksDB db, byte[] key, int current, String what, Path directory) throws RocksDBException {
    byte[] stored = db.get(key);
    if (stored == null) {
      try (WriteOptions sync = new WriteOptions().setSync(true)) {
        db.put(sync, key, bytes(current));
      }
      return current;
    }
    String text = new String(stored, StandardCharsets.UTF_8);
    int format;
    try {
      format = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE,
          what + " in " + directory + " has an unreadable format version '" + text + "'");
    }
    if (format > current) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, what + " in " + directory + " has format version "
          + format + ", newer than this Doppel supports (" + current + "): upgrade Doppel to open it");
    }
    return format;
  }

  static byte[] bytes(int version) {
    return Integer.toString(version).getBytes(StandardCharsets.UTF_8);
  }
}
