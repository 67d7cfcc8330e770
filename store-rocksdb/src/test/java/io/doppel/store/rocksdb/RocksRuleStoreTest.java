package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksRuleStoreTest {
  @TempDir Path dir;

  @Test
  void keepsDefinitionsAcrossReopensInIdOrderAndPerTenant() {
    try (RocksRuleStore store = RocksRuleStore.open(dir)) {
      store.put("b", "{\"id\":\"b\"}");
      store.put("a", "{\"id\":\"a\"}");
      store.put("c", "{\"id\":\"c\"}");
      store.put("a", "{\"id\":\"a\",\"v\":2}");
      store.delete("c");
      store.delete("never");
    }
    try (RocksRuleStore other = RocksRuleStore.open(dir, "other")) {
      assertThat(other.load()).isEmpty();
      other.put("x", "{}");
    }
    try (RocksRuleStore store = RocksRuleStore.open(dir)) {
      assertThat(store.load()).containsExactly(
          java.util.Map.entry("a", "{\"id\":\"a\",\"v\":2}"), java.util.Map.entry("b", "{\"id\":\"b\"}"));
    }
  }

  @Test
  void refusesANewerFormat() throws Exception {
    RocksRuleStore.open(dir).close();
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(RocksRuleStore.FORMAT, FormatVersion.bytes(RocksRuleStore.FORMAT_VERSION + 1));
    }
    assertThatThrownBy(() -> RocksRuleStore.open(dir)).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
      assertThat(e.getMessage()).contains("newer than this Doppel supports");
    });
  }
}
