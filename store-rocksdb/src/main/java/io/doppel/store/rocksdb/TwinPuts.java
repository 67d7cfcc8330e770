package io.doppel.store.rocksdb;

import io.doppel.twin.spi.StoredTwin;
import java.nio.ByteBuffer;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Puts twins into a write batch through two reused direct buffers: a patch commits one twin, and building its key
 * and value as new arrays (which JNI then copies once more before RocksDB copies them into the batch) cost the
 * single writer two allocations and two copies per twin. Not thread-safe: the store's commit, which is
 * synchronized, owns one.
 */
final class TwinPuts {
  private final Keys keys;
  private ByteBuffer key = ByteBuffer.allocateDirect(1024);
  private ByteBuffer value = ByteBuffer.allocateDirect(16 * 1024);

  TwinPuts(Keys keys) {
    this.keys = keys;
  }

  void put(WriteBatch batch, StoredTwin twin) throws RocksDBException {
    key = room(key, keys.twinLength(twin.id()));
    value = room(value, Values.twinLength(twin));
    key.clear();
    keys.twin(twin.id(), key);
    key.flip();
    value.clear();
    Values.twin(twin, value);
    value.flip();
    batch.put(key, value);
  }

  private static ByteBuffer room(ByteBuffer buffer, int needed) {
    return buffer.capacity() >= needed ? buffer : ByteBuffer.allocateDirect(Math.max(needed, 2 * buffer.capacity()));
  }
}
