package io.doppel.store.rocksdb;

import io.doppel.ingest.spi.DeadLetter;
import io.doppel.ingest.spi.DeadLetterLimits;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingestion keeps, in its own RocksDB (the server puts it in {@code <data>/ingest}): versioned documents
 * (mappings, connector configurations) and the dead letters. Every write is one synced batch, durable when the call
 * returns, so a message is acknowledged to its source only after its dead letter survives a kill -9. Small and
 * rarely written, so one lock orders all writes (it also keeps the dead letters' count and bytes exact).
 */
public final class RocksIngestStore implements AutoCloseable, Checkpointable {
  public static final int FORMAT_VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(RocksIngestStore.class);

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions sync = new WriteOptions().setSync(true);
  private final Letters letters;
  private boolean closed;

  private RocksIngestStore(Options options, RocksDB db, DeadLetterLimits limits) throws RocksDBException {
    this.options = options;
    this.db = db;
    this.letters = new Letters(limits);
  }

  public static RocksIngestStore open(Path directory) {
    return open(directory, DeadLetterLimits.DEFAULT);
  }

  public static RocksIngestStore open(Path directory, DeadLetterLimits limits) {
    Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(4).setMaxBackgroundJobs(1);
    RocksDB db = null;
    try {
      Files.createDirectories(directory);
      db = RocksDB.open(options, directory.toString());
      FormatVersion.check(db, IngestKeys.FORMAT, FORMAT_VERSION, "the ingest store", directory);
      return new RocksIngestStore(options, db, limits);
    } catch (RocksDBException | IOException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      options.close();
      if (e instanceof DoppelException d) {
        throw d;
      }
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the ingest store in " + directory + ": " + e);
    }
  }

  /** The documents of one namespace ({@code mappings}, {@code connectors}); closing it leaves the store open. */
  public DocumentStore documents(String namespace) {
    if (namespace.isEmpty() || namespace.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException("a namespace must be non-empty and free of NUL");
    }
    return new Documents(namespace);
  }

  /** The dead letters; closing it leaves the store open. */
  public DeadLetterStore deadLetters() {
    return letters;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      sync.close();
      db.close();
      options.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the ingest store is closed");
    }
  }

  private static DoppelException failure(String what, RocksDBException e) {
    return RocksFailures.of(what, e);
  }

  private final class Documents implements DocumentStore {
    private final String namespace;

    Documents(String namespace) {
      this.namespace = namespace;
    }

    @Override
    public StoredDocument put(String id, String text, Instant at) {
      synchronized (RocksIngestStore.this) {
        requireOpen();
        try (WriteBatch batch = new WriteBatch()) {
          byte[] lastKey = IngestKeys.lastVersion(namespace, id);
          byte[] last = db.get(lastKey);
          int version = (last == null ? 0 : ByteBuffer.wrap(last).getInt()) + 1;
          byte[] body = text.getBytes(StandardCharsets.UTF_8);
          batch.put(IngestKeys.document(namespace, id, version),
              ByteBuffer.allocate(8 + body.length).putLong(at.toEpochMilli()).put(body).array());
          batch.put(lastKey, ByteBuffer.allocate(4).putInt(version).array());
          db.write(sync, batch);
          return new StoredDocument(id, version, text, Instant.ofEpochMilli(at.toEpochMilli()));
        } catch (RocksDBException e) {
          throw failure("the " + namespace + " write", e);
        }
      }
    }

    @Override
    public Optional<StoredDocument> latest(String id) {
      List<StoredDocument> all = scan(IngestKeys.documentPrefix(namespace, id));
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public Optional<StoredDocument> version(String id, int version) {
      synchronized (RocksIngestStore.this) {
        requireOpen();
        try {
          byte[] value = db.get(IngestKeys.document(namespace, id, version));
          return value == null ? Optional.empty() : Optional.of(decode(id, version, value));
        } catch (RocksDBException e) {
          throw failure("the " + namespace + " read", e);
        }
      }
    }

    @Override
    public List<Integer> versions(String id) {
      return scan(IngestKeys.documentPrefix(namespace, id)).stream().map(StoredDocument::version).toList();
    }

    @Override
    public List<StoredDocument> latestAll() {
      List<StoredDocument> all = scan(IngestKeys.namespacePrefix(namespace));
      List<StoredDocument> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (i + 1 == all.size() || !all.get(i + 1).id().equals(all.get(i).id())) {
          out.add(all.get(i)); // versions of one id sort together, the latest last
        }
      }
      return out;
    }

    @Override
    public boolean delete(String id) {
      synchronized (RocksIngestStore.this) {
        requireOpen();
        byte[] prefix = IngestKeys.documentPrefix(namespace, id);
        if (scan(prefix).isEmpty()) {
          return false;
        }
        byte[] end = prefix.clone();
        end[end.length - 1]++; // the NUL after the id becomes 1: just past every version key of this id
        try (WriteBatch batch = new WriteBatch()) {
          batch.deleteRange(prefix, end);
          db.write(sync, batch);
          return true;
        } catch (RocksDBException e) {
          throw failure("the " + namespace + " delete", e);
        }
      }
    }

    private List<StoredDocument> scan(byte[] prefix) {
      int namespaceLength = IngestKeys.namespacePrefix(namespace).length;
      List<StoredDocument> out = new ArrayList<>();
      synchronized (RocksIngestStore.this) {
        requireOpen();
        try (RocksIterator it = db.newIterator()) {
          for (it.seek(prefix); it.isValid() && IngestKeys.startsWith(it.key(), prefix); it.next()) {
            byte[] key = it.key();
            out.add(decode(IngestKeys.idOf(key, namespaceLength), IngestKeys.versionOf(key), it.value()));
          }
        }
      }
      return out;
    }

    private StoredDocument decode(String id, int version, byte[] value) {
      long millis = ByteBuffer.wrap(value, 0, 8).getLong();
      return new StoredDocument(id, version, new String(value, 8, value.length - 8, StandardCharsets.UTF_8),
          Instant.ofEpochMilli(millis));
    }

    @Override
    public void close() {}
  }

  private final class Letters implements DeadLetterStore {
    private final DeadLetterLimits limits;
    private long lastId;
    private long evicted;
    private long count;
    private long bytes;

    Letters(DeadLetterLimits limits) throws RocksDBException {
      this.limits = limits;
      byte[] meta = db.get(IngestKeys.LETTER_META);
      if (meta != null) {
        ByteBuffer b = ByteBuffer.wrap(meta);
        lastId = b.getLong();
        evicted = b.getLong();
      }
      try (RocksIterator it = db.newIterator()) {
        for (it.seek(IngestKeys.LETTER_PREFIX); it.isValid() && IngestKeys.startsWith(it.key(),
            IngestKeys.LETTER_PREFIX); it.next()) {
          count++;
          bytes += DeadLetterCodec.payloadSize(it.value());
          lastId = Math.max(lastId, IngestKeys.letterId(it.key()));
        }
      }
    }

    @Override
    public CompletableFuture<DeadLetter> add(DeadLetter letter) {
      synchronized (RocksIngestStore.this) {
        try {
          requireOpen();
          DeadLetter stored = letter.withId(lastId + 1);
          long size = letter.payload().length;
          try (WriteBatch batch = new WriteBatch(); RocksIterator it = db.newIterator()) {
            long dropped = 0;
            long droppedBytes = 0;
            it.seek(IngestKeys.LETTER_PREFIX);
            while (count - dropped > 0 && (count - dropped + 1 > limits.maxCount()
                || bytes - droppedBytes + size > limits.maxBytes())
                && it.isValid() && IngestKeys.startsWith(it.key(), IngestKeys.LETTER_PREFIX)) {
              batch.delete(it.key());
              droppedBytes += DeadLetterCodec.payloadSize(it.value());
              dropped++;
              it.next();
            }
            batch.put(IngestKeys.letter(stored.id()), DeadLetterCodec.encode(stored));
            batch.put(IngestKeys.LETTER_META, ByteBuffer.allocate(16).putLong(stored.id())
                .putLong(evicted + dropped).array());
            db.write(sync, batch);
            lastId = stored.id();
            count += 1 - dropped;
            bytes += size - droppedBytes;
            if (dropped > 0) {
              evicted += dropped;
              LOG.warn("dead letters full ({}): removed the {} oldest, {} removed so far", limits, dropped, evicted);
            }
            return CompletableFuture.completedFuture(stored);
          }
        } catch (RocksDBException e) {
          return CompletableFuture.failedFuture(failure("the dead letter", e));
        } catch (DoppelException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }

    @Override
    public CompletableFuture<Boolean> replace(DeadLetter letter) {
      synchronized (RocksIngestStore.this) {
        try {
          requireOpen();
          byte[] key = IngestKeys.letter(letter.id());
          byte[] old = db.get(key);
          if (old == null) {
            return CompletableFuture.completedFuture(false);
          }
          db.put(sync, key, DeadLetterCodec.encode(letter));
          bytes += letter.payload().length - DeadLetterCodec.payloadSize(old);
          return CompletableFuture.completedFuture(true);
        } catch (RocksDBException e) {
          return CompletableFuture.failedFuture(failure("the dead letter", e));
        } catch (DoppelException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }

    @Override
    public List<DeadLetter> list(long after, int limit, @Nullable String connector) {
      List<DeadLetter> out = new ArrayList<>();
      synchronized (RocksIngestStore.this) {
        requireOpen();
        try (RocksIterator it = db.newIterator()) {
          for (it.seek(IngestKeys.letter(after + 1)); it.isValid() && out.size() < limit
              && IngestKeys.startsWith(it.key(), IngestKeys.LETTER_PREFIX); it.next()) {
            DeadLetter l = DeadLetterCodec.decode(it.value());
            if (connector == null || connector.equals(l.connector())) {
              out.add(l);
            }
          }
        }
      }
      return out;
    }

    @Override
    public Optional<DeadLetter> get(long id) {
      synchronized (RocksIngestStore.this) {
        requireOpen();
        try {
          byte[] value = db.get(IngestKeys.letter(id));
          return value == null ? Optional.empty() : Optional.of(DeadLetterCodec.decode(value));
        } catch (RocksDBException e) {
          throw failure("the dead-letter read", e);
        }
      }
    }

    @Override
    public boolean remove(long id) {
      synchronized (RocksIngestStore.this) {
        requireOpen();
        try {
          byte[] key = IngestKeys.letter(id);
          byte[] old = db.get(key);
          if (old == null) {
            return false;
          }
          db.delete(sync, key);
          count--;
          bytes -= DeadLetterCodec.payloadSize(old);
          return true;
        } catch (RocksDBException e) {
          throw failure("the dead-letter delete", e);
        }
      }
    }

    @Override
    public long count() {
      synchronized (RocksIngestStore.this) {
        return count;
      }
    }

    @Override
    public long bytes() {
      synchronized (RocksIngestStore.this) {
        return bytes;
      }
    }

    @Override
    public long evicted() {
      synchronized (RocksIngestStore.this) {
        return evicted;
      }
    }

    @Override
    public void close() {}
  }

  /** Synchronized like every other use of the database: these stores are small and rarely written. */
  @Override
  public synchronized StoreCheckpoint checkpoint(Path target) {
    requireOpen();
    return RocksCheckpoints.create(db, target, FORMAT_VERSION);
  }
}
