package io.doppel.store.rocksdb;

import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.ParkedLetter;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.stream.spi.RoutedEntry;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event routes' definitions, outboxes and parked letters in their own RocksDB database (the server puts it in
 * {@code <data>/routes}). Appends come from the engine's writer thread right after its own synced commit, so they go
 * to the write-ahead log without a second fsync: the log is in the operating system's hands when {@link #append}
 * returns, which a killed process cannot lose (a power cut can lose the last moment's entries). Definitions, deletes
 * and parking are synced. Delivered entries go with one range delete per batch.
 */
public final class RocksRouteOutbox implements RouteOutbox, Checkpointable {
  /** The on-disk format this code writes and reads; a newer one is refused rather than misread. */
  public static final int FORMAT_VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(RocksRouteOutbox.class);

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions syncWrites = new WriteOptions().setSync(true);
  private final WriteOptions logWrites = new WriteOptions().setSync(false);
  private final RouteKeys keys;
  /** Operations share the lock; close takes it alone: RocksDB's JNI objects must never be used after close. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksRouteOutbox(Options options, RocksDB db, String tenant) {
    this.options = options;
    this.db = db;
    this.keys = new RouteKeys(tenant);
  }

  /** Opens (creating if needed) the routes database in {@code directory} for the default tenant. */
  public static RocksRouteOutbox open(Path directory) {
    return open(directory, RocksTwinStore.DEFAULT_TENANT);
  }

  public static RocksRouteOutbox open(Path directory, String tenant) {
    if (tenant.isEmpty() || tenant.chars().anyMatch(c -> c == 0)) {
      throw new IllegalArgumentException("a tenant id must be non-empty and free of NUL characters");
    }
    Options options = new Options()
        .setCreateIfMissing(true)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(16L << 20)
        .setMaxBackgroundJobs(2)
        .setKeepLogFileNum(4);
    RocksDB db = null;
    try {
      Files.createDirectories(directory);
      db = RocksDB.open(options, directory.toString());
      FormatVersion.check(db, RouteKeys.FORMAT, FORMAT_VERSION, "the event routes", directory);
      return new RocksRouteOutbox(options, db, tenant);
    } catch (RocksDBException | IOException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      options.close();
      if (e instanceof DoppelException d) {
        throw d;
      }
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the event routes in " + directory + ": " + e);
    }
  }

  @Override
  public void saveRoute(String routeId, String definition) {
    write(true, batch -> batch.put(keys.definition(routeId), definition.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void deleteRoute(String routeId) {
    write(true, batch -> {
      batch.delete(keys.definition(routeId));
      batch.deleteRange(keys.entry(routeId, 0), keys.entriesEnd(routeId));
      batch.deleteRange(keys.letter(routeId, 0), keys.lettersEnd(routeId));
    });
  }

  @Override
  public Map<String, String> routes() {
    Map<String, String> out = new TreeMap<>();
    byte[] prefix = keys.definitionPrefix();
    scan(prefix, null, Integer.MAX_VALUE, (key, value) -> {
      out.put(keys.routeOf(key), new String(value, StandardCharsets.UTF_8));
      return true;
    });
    return out;
  }

  @Override
  public void append(List<RoutedEntry> entries) {
    write(false, batch -> {
      for (RoutedEntry e : entries) {
        batch.put(keys.entry(e.routeId(), e.entry().version()), RouteValues.entry(e.entry()));
      }
    });
  }

  @Override
  public List<OutboxEntry> read(String routeId, long afterVersion, int limit) {
    List<OutboxEntry> out = new ArrayList<>(Math.min(limit, 256));
    scan(keys.entry(routeId, afterVersion + 1), keys.entriesEnd(routeId), limit, (key, value) ->
        out.add(RouteValues.entry(RouteKeys.versionOf(key), value)));
    return out;
  }

  @Override
  public void remove(String routeId, long upToVersion) {
    write(false, batch -> batch.deleteRange(keys.entry(routeId, 0), keys.entry(routeId, upToVersion + 1)));
  }

  @Override
  public void park(String routeId, ParkedLetter letter) {
    write(true, batch -> {
      batch.delete(keys.entry(routeId, letter.entry().version()));
      batch.put(keys.letter(routeId, letter.entry().version()), RouteValues.letter(letter));
    });
  }

  @Override
  public List<ParkedLetter> letters(String routeId, long afterVersion, int limit) {
    List<ParkedLetter> out = new ArrayList<>(Math.min(limit, 256));
    scan(keys.letter(routeId, afterVersion + 1), keys.lettersEnd(routeId), limit, (key, value) ->
        out.add(RouteValues.letter(RouteKeys.versionOf(key), value)));
    return out;
  }

  @Override
  public boolean removeLetter(String routeId, long version) {
    byte[] key = keys.letter(routeId, version);
    lock.readLock().lock();
    try {
      requireOpen();
      if (db.get(key) == null) {
        return false;
      }
      db.delete(syncWrites, key);
      return true;
    } catch (RocksDBException e) {
      throw RocksFailures.of("the letter delete", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long count(String routeId) {
    long[] n = {0};
    scan(keys.entry(routeId, 0), keys.entriesEnd(routeId), Integer.MAX_VALUE, (k, v) -> ++n[0] > 0);
    return n[0];
  }

  @Override
  public long letterCount(String routeId) {
    long[] n = {0};
    scan(keys.letter(routeId, 0), keys.lettersEnd(routeId), Integer.MAX_VALUE, (k, v) -> ++n[0] > 0);
    return n[0];
  }

  private interface BatchWork {
    void fill(WriteBatch batch) throws RocksDBException;
  }

  private void write(boolean sync, BatchWork work) {
    lock.readLock().lock();
    try (WriteBatch batch = new WriteBatch()) {
      requireOpen();
      work.fill(batch);
      db.write(sync ? syncWrites : logWrites, batch);
    } catch (RocksDBException e) {
      throw RocksFailures.of("the event routes' write", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private interface Visitor {
    /** False to stop. */
    boolean visit(byte[] key, byte[] value);
  }

  /** Visits up to {@code limit} keys from {@code from} (inclusive) to {@code end} (exclusive, or under the prefix). */
  private void scan(byte[] from, byte @Nullable [] end, int limit, Visitor visitor) {
    lock.readLock().lock();
    try (Slice upper = end == null ? null : new Slice(end);
        ReadOptions read = new ReadOptions()) {
      requireOpen();
      if (upper != null) {
        read.setIterateUpperBound(upper);
      }
      try (RocksIterator it = db.newIterator(read)) {
        int n = 0;
        for (it.seek(from); it.isValid() && n < limit; it.next(), n++) {
          if (end == null && !startsWith(it.key(), from)) {
            break;
          }
          if (!visitor.visit(it.key(), it.value())) {
            break;
          }
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read the event routes: " + e.getMessage());
    } finally {
      lock.readLock().unlock();
    }
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private void requireOpen() {
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the event routes' store is closed");
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
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        db.flush(flush);
      } catch (RocksDBException e) {
        LOG.warn("event routes flush on close failed; the next open replays the write-ahead log instead", e);
      }
      syncWrites.close();
      logWrites.close();
      db.close();
      options.close();
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
