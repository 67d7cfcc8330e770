package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.spi.StoredTwin;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

/** Twins put through the reused direct buffers land in the batch as the same key and value bytes as arrays. */
class TwinPutsTest {
  static {
    RocksDB.loadLibrary();
  }

  @Test
  void putsTheBytesOfTheArrayLayouts() throws Exception {
    Random random = new Random(7);
    for (String tenant : new String[] {"default", "mandant-ü"}) {
      Keys keys = new Keys(tenant);
      TwinPuts puts = new TwinPuts(keys);
      try (WriteBatch direct = new WriteBatch(); WriteBatch arrays = new WriteBatch()) {
        for (int i = 0; i < 200; i++) {
          // ASCII and non-ASCII ids and models; documents from empty to past both buffers' first capacity.
          String id = (i % 7 == 0 ? "zähler-" : "sensor-") + i + "x".repeat(random.nextInt(i % 50 == 0 ? 2000 : 20));
          String model = i % 5 == 0 ? "dtmi:fabrik:Zähler;1" : "dtmi:factory:Sensor;" + i;
          byte[] document = new byte[i % 40 == 0 ? 20_000 + random.nextInt(20_000) : random.nextInt(400)];
          random.nextBytes(document);
          StoredTwin twin = new StoredTwin(id, model, random.nextLong(), document);
          puts.put(direct, twin);
          arrays.put(keys.twin(id), Values.twin(twin));
        }
        assertThat(direct.data()).isEqualTo(arrays.data());
      }
    }
  }
}
