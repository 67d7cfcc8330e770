package io.doppel.store.rocksdb;

import io.doppel.stream.spi.RuleStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Rule definitions in their own small RocksDB database (the server puts it in {@code <data>/rules}): one key per
 * rule under the tenant, its JSON as the value, every write synced. A separate database keeps the twin store's
 * format untouched by a feature that may come and go.
 */
public final class RocksRuleStore implements RuleStore, Checkpointable {
  /** The on-disk format this code writes and reads; a newer one is refused rather than misread. */
  public static final int FORMAT_VERSION = 1;
  static final byte[] FORMAT = "\u0000doppel-rules-format".getBytes(StandardCharsets.UTF_8);

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions sync = new WriteOptions().setSync(true);
  private final byte[] prefix;
  private boolean closed;

  private RocksRuleStore(Options options, RocksDB db, String tenant) {
    this.options = options;
    this.db = db;
    this.prefix = (tenant + "\u0000rule\u0000").getBytes(StandardCharsets.UTF_8);
  }

  /** Opens (creating if needed) the rules database in {@code directory} for the default tenant. */
  public static RocksRuleStore open(Path directory) {
    return open(directory, RocksTwinStore.DEFAULT_TENANT);
  }

  public static RocksRuleStore open(Path directory, String tenant) {
    if (tenant.isEmpty() || tenant.chars().anyMatch(c -> c == 0)) {
      throw new IllegalArgumentException("a tenant id must be non-empty and free of NUL characters");
    }
    Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(2);
    RocksDB db = null;
    try {
      Files.createDirectories(directory);
      db = RocksDB.open(options, directory.toString());
      FormatVersion.check(db, FORMAT, FORMAT_VERSION, "the rules", directory);
      return new RocksRuleStore(options, db, tenant);
    } catch (RocksDBException | IOException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      options.close();
      if (e instanceof DoppelException d) {
        throw d;
      }
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot open the rules in " + directory + ": " + e);
    }
  }

  @Override
  public synchronized Map<String, String> load() {
    requireOpen();
    Map<String, String> out = new TreeMap<>();
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
          break;
        }
        out.put(new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8),
            new String(it.value(), StandardCharsets.UTF_8));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public synchronized void put(String id, String definitionJson) {
    requireOpen();
    try {
      db.put(sync, key(id), definitionJson.getBytes(StandardCharsets.UTF_8));
    } catch (RocksDBException e) {
      throw RocksFailures.of("rule '" + id + "'", e);
    }
  }

  @Override
  public synchronized void delete(String id) {
    requireOpen();
    try {
      db.delete(sync, key(id));
    } catch (RocksDBException e) {
      throw RocksFailures.of("the delete of rule '" + id + "'", e);
    }
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

  private byte[] key(String id) {
    byte[] tail = id.getBytes(StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOf(prefix, prefix.length + tail.length);
    System.arraycopy(tail, 0, key, prefix.length, tail.length);
    return key;
  }

  private void requireOpen() {
    if (closed) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the rule store is closed");
    }
  }

  /** Synchronized like every other use of the database: these stores are small and rarely written. */
  @Override
  public synchronized StoreCheckpoint checkpoint(Path target) {
    requireOpen();
    return RocksCheckpoints.create(db, target, FORMAT_VERSION);
  }
}
