package io.doppel.server.auth;

import io.doppel.store.rocksdb.Checkpointable;
import io.doppel.store.rocksdb.NoSpaceRecovery;
import io.doppel.store.rocksdb.RocksFailures;
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
 * write is synced. A database of its own keeps the twin store's format untouched by security data. The audit log
 * writes here on every request that changes something, so after a full disk stopped the database the first write
 * once space is back reopens it ({@link NoSpaceRecovery}).
 */
public final class RocksAuthStore implements AuthStore, Checkpointable {
  static {
    RocksDB.loadLibrary();
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RocksAuthStore.class);
  /** RocksDB's default write buffer: what a reopen's flush of the replayed log may need, and as much again. */
  private static final long REOPEN_ROOM_BYTES = 2 * (64L << 20);

  private final Options options;
  private final Path directory;
  /** Swapped only by {@link #reopen}; every use is synchronized. */
  private RocksDB db;
  private final NoSpaceRecovery recovery;
  private final WriteOptions sync = new WriteOptions().setSync(true);
  private boolean closed;
  /** A reopen found no way to open the database at all: nothing may touch the closed handle. */
  private boolean unusable;

  private RocksAuthStore(Options options, RocksDB db, Path directory, java.util.function.LongSupplier nanoTime) {
    this.options = options;
    this.db = db;
    this.directory = directory;
    this.recovery = new NoSpaceRecovery(directory, REOPEN_ROOM_BYTES, nanoTime);
  }

  public static RocksAuthStore open(Path directory) {
    return open(directory, System::nanoTime);
  }

  /** With the clock that paces the look at the disk after a full disk stopped the database (tests move it). */
  static RocksAuthStore open(Path directory, java.util.function.LongSupplier nanoTime) {
    Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(2);
    try {
      Files.createDirectories(directory);
      return new RocksAuthStore(options, RocksDB.open(options, directory.toString()), directory, nanoTime);
    } catch (RocksDBException | IOException e) {
      options.close();
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the access-control store in " + directory
          + ": " + e);
    }
  }

  @Override
  public synchronized void put(String key, String value) {
    try {
      writable().put(sync, bytes(key), bytes(value));
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
      writable().write(sync, batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  @Override
  public synchronized Optional<String> get(String key) {
    try {
      byte[] value = readable().get(bytes(key));
      return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  @Override
  public synchronized void delete(String key) {
    try {
      writable().delete(sync, bytes(key));
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  @Override
  public synchronized SortedMap<String, String> scan(String prefix, String after, int limit) {
    SortedMap<String, String> out = new TreeMap<>();
    try (RocksIterator it = readable().newIterator()) {
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
    try (RocksIterator it = readable().newIterator()) {
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
    return RocksCheckpoints.create(readable(), target, FORMAT_VERSION);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sync.close();
    if (!unusable) {
      db.close();
    }
    options.close();
  }

  /** The database for a write: reopened first when a full disk stopped it and there is room again. */
  private RocksDB writable() {
    if (recovery.due()) {
      reopen();
    }
    return readable();
  }

  private RocksDB readable() {
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the access-control store is closed");
    }
    if (unusable) {
      throw new DoppelException(ErrorCode.INSUFFICIENT_STORAGE, "the access-control store is being reopened after"
          + " the data directory's disk was full; retry once space is freed");
    }
    return db;
  }

  /** Close and open again: the log replay keeps every acknowledged write; read-only meanwhile if that fails. */
  private void reopen() {
    if (closed) {
      return;
    }
    if (!unusable) {
      db.close();
    }
    try {
      db = RocksDB.open(options, directory.toString());
      unusable = false;
      recovery.recovered();
      LOG.info("access-control store in {} reopened after the disk had room again", directory);
    } catch (RocksDBException e) {
      LOG.warn("access-control store in {} cannot be reopened for writing yet: {}", directory, e.getMessage());
      try {
        db = RocksDB.openReadOnly(options, directory.toString());
        unusable = false;
      } catch (RocksDBException readOnly) {
        unusable = true;
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private DoppelException failure(String what, RocksDBException e) {
    recovery.failed(e);
    return recovery.stopped() ? RocksFailures.stoppedByFullDisk("the access-control data's " + what, e)
        : RocksFailures.of("the access-control data's " + what, e);
  }
}
