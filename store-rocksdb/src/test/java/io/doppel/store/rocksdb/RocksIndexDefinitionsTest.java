package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Fixtures;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.IndexValue;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksIndexDefinitionsTest {
  private static final byte[] FORMAT_KEY = "\u0000doppel-format".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void indexDefinitionsSurviveReopenAndTheirContentsAreRebuilt() {
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      engine.addModels(Fixtures.models());
      engine.putTwin("r1", Fixtures.room(30), Precondition.none());
      engine.createIndex("temperature");
      engine.createIndex("thermostat.setpoint");
      engine.createIndex("name");
      engine.putTwin("r2", Fixtures.room(10), Precondition.none());
      assertThat(engine.dropIndex("name")).isTrue();
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      assertThat(engine.indexes()).containsExactly("temperature", "thermostat.setpoint");
      try (GraphSnapshot s = engine.snapshot()) {
        assertThat(twinIds(s, "temperature", new IndexRange(new IndexValue.Num(0), true, null, false)))
            .containsExactly("r2", "r1");
        assertThat(twinIds(s, "thermostat.setpoint", IndexRange.equalTo(new IndexValue.Num(21.5))))
            .containsExactly("r1", "r2");
      }
      engine.dropIndex("temperature");
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      assertThat(engine.indexes()).containsExactly("thermostat.setpoint");
    }
  }

  @Test
  void aStoreWrittenBeforeIndexesOpensAndUpgradesWithItsFirstIndex() throws Exception {
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      engine.addModels(Fixtures.models());
      engine.putTwin("r1", Fixtures.room(30), Precondition.none());
    }
    // What Doppel wrote before index definitions existed: the same keys, under format version 1.
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(FORMAT_KEY, "1".getBytes(StandardCharsets.UTF_8));
    }
    RocksTwinStore old = RocksTwinStore.open(dir);
    try (TwinEngine engine = TwinEngine.open(old)) {
      assertThat(old.format()).isEqualTo(1);
      assertThat(engine.indexes()).isEmpty();
      assertThat(engine.getTwin("r1").json().get("temperature").asDouble()).isEqualTo(30);
      engine.putTwin("r2", Fixtures.room(5), Precondition.none());
      assertThat(old.format()).as("plain writes keep the old format").isEqualTo(1);
      engine.createIndex("temperature");
      assertThat(old.format()).isEqualTo(2);
    }
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      assertThat(new String(db.get(FORMAT_KEY), StandardCharsets.UTF_8)).isEqualTo("2");
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir)); GraphSnapshot s = engine.snapshot()) {
      assertThat(engine.indexes()).containsExactly("temperature");
      assertThat(twinIds(s, "temperature", new IndexRange(null, false, new IndexValue.Num(100), false)))
          .containsExactly("r2", "r1");
    }
  }

  @Test
  void anIndexDefinitionWithAnUnknownLayoutIsRefusedClearly() throws Exception {
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      engine.addModels(Fixtures.models());
      engine.createIndex("temperature");
    }
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put("default\u0000i\u0000temperature".getBytes(StandardCharsets.UTF_8), new byte[] {9});
    }
    assertThatThrownBy(() -> TwinEngine.open(RocksTwinStore.open(dir)))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
          assertThat(e.getMessage()).contains("'temperature'").contains("unknown layout");
        });
  }

  private static List<String> twinIds(GraphSnapshot s, String path, IndexRange range) {
    List<String> ids = new ArrayList<>();
    s.indexRange(path, range, null).forEachRemaining(e -> ids.add(((IndexEntry) e).twinId()));
    return ids;
  }
}
