package io.doppel.server.auth;

import io.doppel.store.rocksdb.Checkpointable;
import io.doppel.store.rocksdb.RocksCheckpoints;
import io.doppel.store.rocksdb.StoreCheckpoint;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The access-control data in its own RocksDB under {@code <data>/auth}, beside the server's other stores; every
 * write is synced. A database of its own keeps the twin store's format untouched by security data.
 */
public final class RocksAuthStore implements AuthStore, Checkpointable {
  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions sync = new WriteOptions().setSync(true);
  private boolean closed;

  private RocksAuthStore(Options options, RocksDB db) {
    this.options = options;
    this.db = db;
  }

  public static RocksAuthStore open(Path directory) {
    Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(2);
    try {
      Files.createDirectories(directory);
      return new RocksAuthStore(options, RocksDB.open(options, directory.toString()));
    } catch (RocksDBException | IOException e) {
      options.close();
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the access-control store in " + directory
          + ": " + e);
    }
  }

  @Override
  public synchronized void put(String key, String value) {
    try {
      db.put(sync, bytes(key), bytes(value));
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  @Override
  public synchronized void putAll(Map<String, String> entries) {
    try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
      for (var e : entries.entrySet()) {
        batch.put(bytes(e.getKey()), bytes(e.getValue()));
      }
      db.write(sync, batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  @Override
  public synchronized Optional<String> get(String key) {
    try {
      byte[] value = db.get(bytes(key));
      return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  @Override
  public synchronized void delete(String key) {
    try {
      db.delete(sync, bytes(key));
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  @Override
  public synchronized SortedMap<String, String> scan(String prefix, String after, int limit) {
    SortedMap<String, String> out = new TreeMap<>();
    try (RocksIterator it = db.newIterator()) {
      it.seek(bytes(after.isEmpty() || after.compareTo(prefix) < 0 ? prefix : after + "\u0000"));
      for (; it.isValid() && out.size() < limit; it.next()) {
        String key = new String(it.key(), StandardCharsets.UTF_8);
        if (!key.startsWith(prefix)) {
          break;
        }
        out.put(key, new String(it.value(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<Map.Entry<String, String>> last(String prefix) {
    try (RocksIterator it = db.newIterator()) {
      it.seekForPrev(bytes(prefix + "\uffff"));
      if (!it.isValid()) {
        return Optional.empty();
      }
      String key = new String(it.key(), StandardCharsets.UTF_8);
      return key.startsWith(prefix)
          ? Optional.of(Map.entry(key, new String(it.value(), StandardCharsets.UTF_8))) : Optional.empty();
    }
  }

  /** The store has no format key yet: 1 is what this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  @Override
  public synchronized StoreCheckpoint checkpoint(Path target) {
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the access-control store is closed");
    }
    return RocksCheckpoints.create(db, target, FORMAT_VERSION);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sync.close();
    db.close();
    options.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static DoppelException failure(String what, RocksDBException e) {
    return io.doppel.store.rocksdb.RocksFailures.of("the access-control data's " + what, e);
  }
}
