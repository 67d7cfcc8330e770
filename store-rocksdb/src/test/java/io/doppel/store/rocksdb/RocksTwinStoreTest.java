package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Fixtures;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksTwinStoreTest {
  @TempDir
  Path dir;

  @Test
  void restartReturnsModelsTwinsRelationshipsAndVersion() {
    long version;
    TwinView room;
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      engine.addModels(Fixtures.models());
      engine.decommissionModel(new Dtmi(Fixtures.THERMOSTAT));
      room = engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
      engine.putTwin("dev-1", Fixtures.device(Fixtures.SMART_DEVICE), Precondition.none());
      engine.putRelationship("room-1", "r1", Fixtures.relationship("contains", "dev-1"), Precondition.none());
      engine.putTwin("gone", Fixtures.device(Fixtures.DEVICE), Precondition.none());
      engine.deleteTwin("gone", Precondition.none());
      room = engine.patchTwin("room-1",
          Fixtures.patch("[{\"op\":\"add\",\"path\":\"/occupancy\",\"value\":3}]"), Precondition.none());
      version = engine.version();
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      assertThat(engine.version()).isEqualTo(version);
      assertThat(engine.listModels()).hasSize(5);
      assertThat(engine.getModel(new Dtmi(Fixtures.THERMOSTAT)).decommissioned()).isTrue();
      assertThat(engine.twinCount()).isEqualTo(2);
      TwinView reloaded = engine.getTwin("room-1");
      assertThat(reloaded.json()).isEqualTo(room.json());
      assertThat(reloaded.etag()).isEqualTo(room.etag());
      assertThat(engine.getRelationship("room-1", "r1").targetId()).isEqualTo("dev-1");
      assertThat(engine.listIncomingRelationships("dev-1", null, 10).items()).hasSize(1);
      assertThatThrownBy(() -> engine.getTwin("gone"))
          .satisfies(e -> assertThat(((DoppelException) e).code()).isEqualTo(ErrorCode.TWIN_NOT_FOUND));
      TwinView next = engine.patchTwin("room-1",
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/occupancy\",\"value\":4}]"), Precondition.none());
      assertThat(next.version()).isGreaterThan(version);
    }
  }

  @Test
  void concurrentWritersAreAllDurable() throws Exception {
    int threads = 8;
    int perThread = 250;
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      engine.addModels(Fixtures.models());
      for (int i = 0; i < threads; i++) {
        engine.putTwin("s" + i, Fixtures.sensor(i), Precondition.none());
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String id = "s" + (t % 4); // two writers per twin: conflicts are recomputed, never lost
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            engine.patchTwin(id, Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/p1\",\"value\":" + i + "}]"),
                Precondition.none());
            engine.putTwin(id + "-" + Thread.currentThread().getId() + "-" + i, Fixtures.sensor(i),
                Precondition.none());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(engine.twinCount()).isEqualTo(threads + (long) threads * perThread);
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      assertThat(engine.twinCount()).isEqualTo(threads + (long) threads * perThread);
      // 1 model batch + creates + every patch and create got its own version
      assertThat(engine.version()).isEqualTo(1 + threads + 2L * threads * perThread);
    }
  }

  @Test
  void refusesAStoreWithANewerFormatVersion() throws Exception {
    RocksTwinStore.open(dir).close();
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put("\u0000doppel-format".getBytes(StandardCharsets.UTF_8), "99".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> RocksTwinStore.open(dir))
        .isInstanceOf(DoppelException.class)
        .hasMessageContaining("format version 99")
        .satisfies(e -> assertThat(((DoppelException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
  }

  @Test
  void writeToAClosedStoreFailsWithStorageFailureAndAppliesNothing() {
    RocksTwinStore store = RocksTwinStore.open(dir);
    try (TwinEngine engine = TwinEngine.open(store)) {
      engine.addModels(Fixtures.models());
      TwinView before = engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
      long version = engine.version();
      store.close();
      assertThatThrownBy(() -> engine.patchTwin("room-1",
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":30}]"), Precondition.none()))
          .satisfies(e -> assertThat(((DoppelException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
      assertThatThrownBy(() -> engine.putTwin("room-2", Fixtures.room(1), Precondition.none()))
          .satisfies(e -> assertThat(((DoppelException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
      assertThat(engine.version()).isEqualTo(version);
      assertThat(engine.getTwin("room-1").json()).isEqualTo(before.json());
      assertThat(engine.twinCount()).isEqualTo(1);
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      assertThat(engine.getTwin("room-1").json().get("temperature").asDouble()).isEqualTo(20);
      assertThat(engine.twinCount()).isEqualTo(1);
    }
  }

  @Test
  void tenantsDoNotSeeEachOther() {
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir, "a"))) {
      engine.addModels(Fixtures.models());
      engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir, "b"))) {
      assertThat(engine.twinCount()).isZero();
      assertThat(engine.listModels()).isEmpty();
    }
  }
}
