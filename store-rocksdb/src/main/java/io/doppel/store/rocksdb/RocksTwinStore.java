package io.doppel.store.rocksdb;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.spi.LoadSink;
import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.TwinStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin store on RocksDB. Each commit is one {@link WriteBatch} written with a synced WAL, so a batch is
 * durable (and survives kill -9) when {@link #commit} returns, and atomic: all of it or none of it after a crash.
 */
public final class RocksTwinStore implements TwinStore, Checkpointable {
  /**
   * The on-disk format this code writes and reads. Bump it when the key or value layout changes. 2 added property
   * index definitions; a format-1 store opens as it is and becomes format 2 with the commit that first defines an
   * index, so that an older Doppel refuses it from then on instead of failing on keys it does not know.
   */
  public static final int FORMAT_VERSION = 2;
  /** The first format with index definitions. */
  static final int FORMAT_WITH_INDEXES = 2;
  public static final String DEFAULT_TENANT = "default";
  private static final Logger LOG = LoggerFactory.getLogger(RocksTwinStore.class);

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions syncWrites;
  private final Keys keys;
  /** Used under this store's lock, by {@link #commit} only. */
  private final TwinPuts twinPuts;
  private int format;
  private volatile boolean closed;
  /** Checkpoints share it, close takes it alone: a backup must not hold up commits, only the close. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock closing =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  private RocksTwinStore(Options options, RocksDB db, String tenant, int format) {
    this.options = options;
    this.db = db;
    this.syncWrites = new WriteOptions().setSync(true);
    this.keys = new Keys(tenant);
    this.twinPuts = new TwinPuts(keys);
    this.format = format;
  }

  /** Opens (creating if needed) the store in {@code directory} for the default tenant. */
  public static RocksTwinStore open(Path directory) {
    return open(directory, DEFAULT_TENANT);
  }

  public static RocksTwinStore open(Path directory, String tenant) {
    if (tenant.isEmpty() || tenant.chars().anyMatch(c -> c == 0)) {
      throw new IllegalArgumentException("a tenant id must be non-empty and free of NUL characters");
    }
    Options options = new Options()
        .setCreateIfMissing(true)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(64L << 20)
        .setMaxBackgroundJobs(2)
        .setKeepLogFileNum(4);
    RocksDB db = null;
    try {
      Files.createDirectories(directory);
      db = RocksDB.open(options, directory.toString());
      int format = FormatVersion.check(db, Keys.FORMAT, FORMAT_VERSION, "the store", directory);
      return new RocksTwinStore(options, db, tenant, format);
    } catch (RocksDBException | IOException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      options.close();
      if (e instanceof DoppelException d) {
        throw d;
      }
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the store in " + directory + ": " + e);
    }
  }

  /** The format version recorded in the store (for tests and diagnostics). */
  int format() {
    return format;
  }

  @Override
  public synchronized long load(LoadSink sink) {
    requireOpen();
    byte[] prefix = keys.prefix();
    long version = 0;
    // A large readahead turns the start-up scan into sequential reads; filling the cache would only evict.
    try (ReadOptions read = new ReadOptions().setReadaheadSize(8L << 20).setFillCache(false);
        RocksIterator it = db.newIterator(read)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
          break;
        }
        byte[] value = it.value();
        if (key.length == prefix.length + 1 && key[prefix.length] == Keys.VERSION) {
          version = Values.version(value);
          continue;
        }
        switch (keys.kindOf(key)) {
          case Keys.MODEL -> sink.model(Values.model(keys.idOf(key), value));
          case Keys.TWIN -> sink.twin(Values.twin(keys.idOf(key), value));
          case Keys.RELATIONSHIP -> sink.relationship(Values.relationship(keys.idOf(key), value));
          case Keys.INDEX -> sink.index(Values.index(keys.idOf(key), value));
          default -> throw new DoppelException(ErrorCode.STORAGE_FAILURE, "unknown key kind in the store");
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read the store: " + e.getMessage());
    }
    return version;
  }

  @Override
  public synchronized void commit(long version, List<Mutation> batch) {
    requireOpen();
    try (WriteBatch write = new WriteBatch()) {
      boolean upgrade = false;
      for (Mutation m : batch) {
        switch (m) {
          case Mutation.PutModel p -> write.put(keys.model(p.model().id()), Values.model(p.model()));
          case Mutation.DeleteModel d -> write.delete(keys.model(d.id()));
          case Mutation.PutTwin p -> twinPuts.put(write, p.twin());
          case Mutation.DeleteTwin d -> write.delete(keys.twin(d.id()));
          case Mutation.PutRelationship p -> write.put(
              keys.relationship(p.relationship().sourceId(), p.relationship().id()), Values.relationship(p.relationship()));
          case Mutation.DeleteRelationship d -> write.delete(keys.relationship(d.sourceId(), d.id()));
          case Mutation.PutIndex p -> {
            write.put(keys.index(p.index().path()), Values.index(p.index()));
            upgrade = format < FORMAT_WITH_INDEXES;
          }
          case Mutation.DeleteIndex d -> write.delete(keys.index(d.path()));
        }
      }
      if (upgrade) {
        // In the same atomic batch as the first index key: no older Doppel ever sees one in a format-1 store.
        write.put(Keys.FORMAT, FormatVersion.bytes(FORMAT_WITH_INDEXES));
      }
      write.put(keys.version(), Values.version(version));
      db.write(syncWrites, write);
      if (upgrade) {
        format = FORMAT_WITH_INDEXES;
      }
    } catch (RocksDBException e) {
      throw RocksFailures.of("the write", e);
    }
  }

  private void requireOpen() {
    // RocksDB's JNI objects must not be used after close (that can crash the JVM): refuse in Java instead.
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the store is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closing.writeLock().lock(); // waits for a checkpoint in progress
    closed = true;
    // Flushing memtables now spares the next open from replaying the whole WAL, which is what makes reopen fast.
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    } catch (RocksDBException e) {
      LOG.warn("flush on close failed; the next open replays the write-ahead log instead", e);
    }
    syncWrites.close();
    db.close();
    options.close();
    closing.writeLock().unlock();
  }

  @Override
  public StoreCheckpoint checkpoint(Path target) {
    closing.readLock().lock();
    try {
      requireOpen();
      return RocksCheckpoints.create(db, target, format);
    } finally {
      closing.readLock().unlock();
    }
  }
}
