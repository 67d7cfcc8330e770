package io.doppel.store.rocksdb;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history's chunks in their own RocksDB database (the server puts it in {@code <data>/history}), so that its
 * write-ahead log and group commits are its own and never queue behind the twin store's. Each batch is one synced
 * {@link WriteBatch}: durable and atomic when {@link #write} returns. Appends are RocksDB merges with a
 * concatenating operator, so adding a segment to a chunk costs the segment's bytes, never a read of the chunk.
 * After a full disk stopped the database, the first write once space is back reopens it ({@link NoSpaceRecovery}).
 */
public final class RocksSeriesStore implements SeriesStore, Checkpointable {
  /** The on-disk format this code writes and reads; a newer one is refused rather than misread. */
  /** 2: chunks may hold text segments (string values) and settings (retention rules); 1 (numbers only) reads as is. */
  public static final int FORMAT_VERSION = 2;
  private static final Logger LOG = LoggerFactory.getLogger(RocksSeriesStore.class);
  private static final long WRITE_BUFFER_BYTES = 32L << 20;

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final StringAppendOperator concatenate;
  /** Swapped only by {@link #reopen} under the write lock, like every other use of it under the read lock. */
  private RocksDB db;
  private final Path directory;
  private final NoSpaceRecovery recovery;
  /** A reopen found no way to open the database at all: nothing may touch the closed handle. */
  private boolean unusable;
  private final WriteOptions syncWrites = new WriteOptions().setSync(true);
  private final SeriesKeys keys;
  private final RocksChangeLog changes;
  /** Reads share the lock; close takes it alone: RocksDB's JNI objects must never be used after close. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksSeriesStore(Options options, StringAppendOperator concatenate, RocksDB db, String tenant,
      Path directory, java.util.function.LongSupplier nanoTime) {
    this.options = options;
    this.concatenate = concatenate;
    this.db = db;
    this.directory = directory;
    // the reopen flushes what the log replays: room for a write buffer, and as much again for the writes after it
    this.recovery = new NoSpaceRecovery(directory, 2 * WRITE_BUFFER_BYTES, nanoTime);
    this.keys = new SeriesKeys(tenant);
    this.changes = new RocksChangeLog(new ChangeKeys(tenant), new RocksChangeLog.Reads() {
      @Override
      public void iterate(RocksChangeLog.IteratorWork work) {
        read(work::run);
      }

      @Override
      public byte @org.jspecify.annotations.Nullable [] get(byte[] key) {
        return RocksSeriesStore.this.get(key);
      }
    });
  }

  /** Opens (creating if needed) the history database in {@code directory} for the default tenant. */
  public static RocksSeriesStore open(Path directory) {
    return open(directory, RocksTwinStore.DEFAULT_TENANT);
  }

  public static RocksSeriesStore open(Path directory, String tenant) {
    return open(directory, tenant, System::nanoTime);
  }

  /** With the clock that paces the look at the disk after a full disk stopped the database (tests move it). */
  static RocksSeriesStore open(Path directory, String tenant, java.util.function.LongSupplier nanoTime) {
    if (tenant.isEmpty() || tenant.chars().anyMatch(c -> c == 0)) {
      throw new IllegalArgumentException("a tenant id must be non-empty and free of NUL characters");
    }
    // An empty delimiter: segments are length-prefixed, so plain concatenation is all a chunk needs.
    StringAppendOperator concatenate = new StringAppendOperator("");
    Options options = new Options()
        .setCreateIfMissing(true)
        .setMergeOperator(concatenate)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setMaxBackgroundJobs(2)
        .setKeepLogFileNum(4);
    RocksDB db = null;
    try {
      Files.createDirectories(directory);
      db = RocksDB.open(options, directory.toString());
      int stored = FormatVersion.check(db, SeriesKeys.FORMAT, FORMAT_VERSION, "the history", directory);
      if (stored < FORMAT_VERSION) {
        // Format 1 is a subset of 2: mark the upgrade before anything new is written, so that an older Doppel
        // refuses the database rather than misreading the text segments it may hold from now on.
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
          db.put(sync, SeriesKeys.FORMAT, FormatVersion.bytes(FORMAT_VERSION));
        }
        LOG.info("history in {} upgraded from format {} to {}", directory, stored, FORMAT_VERSION);
      }
      return new RocksSeriesStore(options, concatenate, db, tenant, directory, nanoTime);
    } catch (RocksDBException | IOException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      options.close();
      concatenate.close();
      if (e instanceof DoppelException d) {
        throw d;
      }
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the history in " + directory + ": " + e);
    }
  }

  @Override
  public void write(List<SeriesWrite> batch) {
    if (recovery.due()) {
      reopen();
    }
    lock.readLock().lock();
    try (WriteBatch write = new WriteBatch()) {
      requireOpen();
      for (SeriesWrite w : batch) {
        switch (w) {
          case SeriesWrite.Append a -> write.merge(keys.chunk(a.series(), a.start()), a.bytes());
          case SeriesWrite.Replace r -> write.put(keys.chunk(r.series(), r.start()), r.bytes());
          case SeriesWrite.DeleteBefore d ->
              write.deleteRange(keys.chunk(d.series(), Long.MIN_VALUE), keys.chunk(d.series(), d.start()));
          case SeriesWrite.Delete d -> write.delete(keys.chunk(d.series(), d.start()));
          case SeriesWrite.Register r ->
              write.put(keys.catalog(r.series()), r.model().getBytes(StandardCharsets.UTF_8));
          case SeriesWrite.Setting st ->
              write.put(keys.setting(st.name()), st.value().getBytes(StandardCharsets.UTF_8));
          case SeriesWrite.Recorded r -> write.put(keys.recorded(), java.nio.ByteBuffer.allocate(8)
              .putLong(r.version()).array());
          case SeriesWrite.Log l -> changes.log(write, l.change());
          case SeriesWrite.Unlog u -> changes.unlog(write, u.change());
          case SeriesWrite.Bounds b -> changes.bounds(write, b.bounds());
        }
      }
      db.write(syncWrites, write);
    } catch (RocksDBException e) {
      recovery.failed(e);
      throw recovery.stopped() ? RocksFailures.stoppedByFullDisk("the history write", e)
          : RocksFailures.of("the history write", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Clears the background error a full disk left: close, and open again, which replays the write-ahead log (every
   * acknowledged write is in it). Should the open fail all the same, the history is opened read-only so that reads
   * go on, and the next write after another second tries again.
   */
  private void reopen() {
    lock.writeLock().lock();
    try {
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
        LOG.info("history in {} reopened after the disk had room again: writes are taken again", directory);
      } catch (RocksDBException e) {
        LOG.warn("history in {} cannot be reopened for writing yet ({}); serving reads only", directory,
            e.getMessage());
        try {
          db = RocksDB.openReadOnly(options, directory.toString());
          unusable = false;
        } catch (RocksDBException readOnly) {
          unusable = true;
          LOG.warn("history in {} cannot be opened at all for now: {}", directory, readOnly.getMessage());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<StoredChunk> chunks(SeriesKey series, long from, long to) {
    List<StoredChunk> out = new ArrayList<>();
    byte[] prefix = keys.chunkPrefix(series);
    read(it -> {
      it.seekForPrev(keys.chunk(series, from));
      if (it.isValid() && SeriesKeys.startsWith(it.key(), prefix)) {
        out.add(new StoredChunk(SeriesKeys.startOf(it.key()), it.value()));
        it.next();
      } else {
        it.seek(prefix);
      }
      for (; it.isValid() && SeriesKeys.startsWith(it.key(), prefix); it.next()) {
        long start = SeriesKeys.startOf(it.key());
        if (start >= to) {
          break;
        }
        out.add(new StoredChunk(start, it.value()));
      }
    });
    return out;
  }

  @Override
  public Optional<StoredChunk> floor(SeriesKey series, long time) {
    return floorOf(series, keys.chunk(series, time));
  }

  @Override
  public List<StoredChunk> chunksAfter(SeriesKey series, long after, int limit) {
    List<StoredChunk> out = new ArrayList<>();
    if (after == Long.MAX_VALUE || limit < 1) {
      return out;
    }
    byte[] prefix = keys.chunkPrefix(series);
    read(it -> {
      for (it.seek(keys.chunk(series, after + 1)); it.isValid() && SeriesKeys.startsWith(it.key(), prefix)
          && out.size() < limit; it.next()) {
        out.add(new StoredChunk(SeriesKeys.startOf(it.key()), it.value()));
      }
    });
    return out;
  }

  @Override
  public Optional<String> setting(String name) {
    lock.readLock().lock();
    try {
      requireOpen();
      byte[] value = db.get(keys.setting(name));
      return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read the history: " + e.getMessage());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<StoredChunk> last(SeriesKey series) {
    return floorOf(series, keys.chunk(series, Long.MAX_VALUE));
  }

  private Optional<StoredChunk> floorOf(SeriesKey series, byte[] key) {
    byte[] prefix = keys.chunkPrefix(series);
    List<StoredChunk> found = new ArrayList<>(1);
    read(it -> {
      it.seekForPrev(key);
      if (it.isValid() && SeriesKeys.startsWith(it.key(), prefix)) {
        found.add(new StoredChunk(SeriesKeys.startOf(it.key()), it.value()));
      }
    });
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Map<String, String> series(String twinId) {
    Map<String, String> out = new TreeMap<>();
    scanCatalog(keys.catalogPrefix(twinId), (key, model) -> out.put(key.name(), model));
    return out;
  }

  @Override
  public long recordedVersion() {
    byte[] value = get(keys.recorded());
    return value == null ? 0 : java.nio.ByteBuffer.wrap(value).getLong();
  }

  @Override
  public io.doppel.history.spi.ChangeLog changes() {
    return changes;
  }

  private byte @org.jspecify.annotations.Nullable [] get(byte[] key) {
    lock.readLock().lock();
    try {
      requireOpen();
      return db.get(key);
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read the history: " + e.getMessage());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void forEachSeries(BiConsumer<SeriesKey, String> visitor) {
    scanCatalog(keys.catalogPrefix(""), visitor);
  }

  private void scanCatalog(byte[] prefix, BiConsumer<SeriesKey, String> visitor) {
    read(it -> {
      for (it.seek(prefix); it.isValid() && SeriesKeys.startsWith(it.key(), prefix); it.next()) {
        visitor.accept(keys.seriesOf(it.key()), new String(it.value(), StandardCharsets.UTF_8));
      }
    });
  }

  private interface IteratorWork {
    void run(RocksIterator it) throws RocksDBException;
  }

  private void read(IteratorWork work) {
    lock.readLock().lock();
    try {
      requireOpen();
      try (RocksIterator it = db.newIterator()) {
        work.run(it);
        it.status();
      }
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read the history: " + e.getMessage());
    } finally {
      lock.readLock().unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the history store is closed");
    }
    if (unusable) {
      throw new DoppelException(ErrorCode.INSUFFICIENT_STORAGE, "the history is being reopened after the data"
          + " directory's disk was full; retry once space is freed");
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (!unusable) {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
          db.flush(flush);
        } catch (RocksDBException e) {
          LOG.warn("history flush on close failed; the next open replays the write-ahead log instead", e);
        }
        db.close();
      }
      syncWrites.close();
      options.close();
      concatenate.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public StoreCheckpoint checkpoint(Path target) {
    lock.readLock().lock();
    try {
      requireOpen();
      return RocksCheckpoints.create(db, target, FORMAT_VERSION);
    } finally {
      lock.readLock().unlock();
    }
  }
}
