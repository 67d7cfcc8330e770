package io.doppel.store.rocksdb;

import io.doppel.history.spi.ChangeBounds;
import io.doppel.history.spi.ChangeLog;
import io.doppel.history.spi.ChangeRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The change log inside {@link RocksSeriesStore}'s database (layout in {@link ChangeKeys}): its writes join the
 * series' synced batches, so a change, the points it produced and the recorded version commit together.
 */
final class RocksChangeLog implements ChangeLog {
  /** Reads through the store, which guards them against a concurrent close. */
  interface Reads {
    void iterate(IteratorWork work);

    byte @Nullable [] get(byte[] key);
  }

  interface IteratorWork {
    void run(RocksIterator it) throws RocksDBException;
  }

  private final ChangeKeys keys;
  private final Reads reads;

  RocksChangeLog(ChangeKeys keys, Reads reads) {
    this.keys = keys;
    this.reads = reads;
  }

  void log(WriteBatch batch, ChangeRecord c) throws RocksDBException {
    batch.put(keys.change(c.version(), c.entity()), ChangeCodec.encode(c));
    batch.put(keys.time(c), new byte[0]);
    if (!c.kind().isModel()) {
      batch.put(keys.twin(c), new byte[0]);
      batch.put(keys.entity(c.entity(), c.version()), new byte[0]);
    }
  }

  void unlog(WriteBatch batch, ChangeRecord c) throws RocksDBException {
    batch.delete(keys.change(c.version(), c.entity()));
    batch.delete(keys.time(c));
    if (!c.kind().isModel()) {
      batch.delete(keys.twin(c));
      batch.delete(keys.entity(c.entity(), c.version()));
    }
  }

  void bounds(WriteBatch batch, ChangeBounds b) throws RocksDBException {
    batch.put(keys.bounds(), ByteBuffer.allocate(24).putLong(b.completeAfter()).putLong(b.since())
        .putLong(b.versionAtSince()).array());
  }

  @Override
  public List<ChangeRecord> after(long after, int max) {
    List<ChangeRecord> out = new ArrayList<>();
    byte[] prefix = keys.changePrefix();
    reads.iterate(it -> {
      if (after == Long.MAX_VALUE) {
        return;
      }
      for (it.seek(keys.change(after + 1, "")); it.isValid() && SeriesKeys.startsWith(it.key(), prefix)
          && out.size() < max; it.next()) {
        out.add(ChangeCodec.decode(it.value()));
      }
    });
    return out;
  }

  @Override
  public java.util.Set<String> entitiesChanged(long after, long upTo) {
    java.util.Set<String> out = new java.util.HashSet<>();
    byte[] prefix = keys.changePrefix();
    reads.iterate(it -> {
      if (after >= upTo) {
        return;
      }
      for (it.seek(keys.change(after + 1, "")); it.isValid() && SeriesKeys.startsWith(it.key(), prefix); it.next()) {
        byte[] key = it.key();
        if (ChangeKeys.numberAt(key, prefix.length) > upTo) {
          break;
        }
        String entity = new String(key, prefix.length + 8, key.length - prefix.length - 8,
            java.nio.charset.StandardCharsets.UTF_8);
        if (!entity.equals(ChangeRecord.modelEntity())) {
          out.add(entity);
        }
      }
    });
    return out;
  }

  @Override
  public List<ChangeRecord> ofTwin(String twinId, long from, long to, @Nullable TwinCursor cursor, int max) {
    List<byte[]> changes = new ArrayList<>();
    byte[] prefix = keys.twinPrefix(twinId);
    reads.iterate(it -> {
      boolean resume = cursor != null && cursor.time() >= from;
      it.seek(resume ? keys.twinAt(twinId, cursor.time(), cursor.version(), cursor.entity())
          : keys.twinAt(twinId, from, Long.MIN_VALUE, ""));
      if (resume && it.isValid() && java.util.Arrays.equals(it.key(),
          keys.twinAt(twinId, cursor.time(), cursor.version(), cursor.entity()))) {
        it.next(); // strictly after the cursor
      }
      for (; it.isValid() && SeriesKeys.startsWith(it.key(), prefix) && changes.size() < max; it.next()) {
        if (ChangeKeys.numberAt(it.key(), prefix.length) >= to) {
          break;
        }
        changes.add(keys.changeOfTimed(it.key(), prefix.length));
      }
    });
    return load(changes);
  }

  @Override
  public Optional<ChangeRecord> lastOf(String entity, long version) {
    byte[] prefix = keys.entityPrefix(entity);
    byte[][] found = new byte[1][];
    reads.iterate(it -> {
      it.seekForPrev(keys.entity(entity, version));
      if (it.isValid() && SeriesKeys.startsWith(it.key(), prefix) && it.key().length == prefix.length + 8) {
        found[0] = keys.changeOfEntity(it.key());
      }
    });
    if (found[0] == null) {
      return Optional.empty();
    }
    List<ChangeRecord> loaded = load(List.of(found[0]));
    return loaded.isEmpty() ? Optional.empty() : Optional.of(loaded.get(0));
  }

  /** One iterator for all of them, in key order, and the changes read after it: a rollback does thousands. */
  @Override
  public java.util.Map<String, ChangeRecord> lastOf(java.util.Collection<String> entities, long version) {
    List<String> sorted = new ArrayList<>(entities);
    java.util.Collections.sort(sorted);
    List<byte[]> found = new ArrayList<>();
    reads.iterate(it -> {
      for (String entity : sorted) {
        byte[] prefix = keys.entityPrefix(entity);
        it.seekForPrev(keys.entity(entity, version));
        if (it.isValid() && SeriesKeys.startsWith(it.key(), prefix) && it.key().length == prefix.length + 8) {
          found.add(keys.changeOfEntity(it.key()));
        }
      }
    });
    java.util.Map<String, ChangeRecord> out = new java.util.HashMap<>();
    for (ChangeRecord c : load(found)) {
      out.put(c.entity(), c);
    }
    return out;
  }

  @Override
  public long versionAt(long time) {
    byte[] prefix = keys.timePrefix();
    long[] version = {0};
    reads.iterate(it -> {
      // Past every key at this time: the greatest (time, version, entity) at or before it.
      byte[] bound = keys.timeAt(time, Long.MAX_VALUE);
      byte[] probe = java.util.Arrays.copyOf(bound, bound.length + 1);
      probe[bound.length] = (byte) 0xFF;
      it.seekForPrev(probe);
      if (it.isValid() && SeriesKeys.startsWith(it.key(), prefix)) {
        version[0] = ChangeKeys.numberAt(it.key(), prefix.length + 8);
      }
    });
    return version[0];
  }

  @Override
  public void forEachBefore(long time, Consumer<ChangeRecord> visitor) {
    byte[] prefix = keys.timePrefix();
    List<byte[]> changes = new ArrayList<>();
    reads.iterate(it -> {
      for (it.seek(prefix); it.isValid() && SeriesKeys.startsWith(it.key(), prefix); it.next()) {
        if (ChangeKeys.numberAt(it.key(), prefix.length) >= time) {
          break;
        }
        changes.add(keys.changeOfTimed(it.key(), prefix.length));
      }
    });
    for (int i = 0; i < changes.size(); i += 1000) {
      load(changes.subList(i, Math.min(changes.size(), i + 1000))).forEach(visitor);
    }
  }

  @Override
  public void forEachLatest(Consumer<ChangeRecord> visitor) {
    byte[] prefix = keys.entitiesPrefix();
    List<byte[]> latest = new ArrayList<>();
    reads.iterate(it -> {
      String current = null;
      byte[] last = null;
      for (it.seek(prefix); it.isValid() && SeriesKeys.startsWith(it.key(), prefix); it.next()) {
        String entity = keys.entityOf(it.key());
        if (current != null && !current.equals(entity)) {
          latest.add(keys.changeOfEntity(last));
        }
        current = entity;
        last = it.key();
      }
      if (last != null) {
        latest.add(keys.changeOfEntity(last));
      }
    });
    for (int i = 0; i < latest.size(); i += 1000) {
      load(latest.subList(i, Math.min(latest.size(), i + 1000))).forEach(visitor);
    }
  }

  @Override
  public Optional<ChangeBounds> bounds() {
    byte[] value = reads.get(keys.bounds());
    if (value == null) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    return Optional.of(new ChangeBounds(b.getLong(), b.getLong(), b.getLong()));
  }

  /** The changes named by {@code changeKeys}, in that order; one a concurrent retention removed is skipped. */
  private List<ChangeRecord> load(List<byte[]> changeKeys) {
    List<ChangeRecord> out = new ArrayList<>(changeKeys.size());
    for (byte[] key : changeKeys) {
      byte[] value = reads.get(key);
      if (value != null) {
        out.add(ChangeCodec.decode(value));
      }
    }
    return out;
  }
}
