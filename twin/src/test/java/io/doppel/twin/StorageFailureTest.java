package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.spi.LoadSink;
import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.TwinStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageFailureTest {
  /** Delegates to an in-memory store but refuses commits while {@code failing} is set, as a full disk would. */
  private static final class FlakyStore implements TwinStore {
    private final TwinStore delegate = TwinStore.inMemory();
    volatile boolean failing;

    @Override
    public long load(LoadSink sink) {
      return delegate.load(sink);
    }

    @Override
    public void commit(long version, List<Mutation> batch) {
      if (failing) {
        throw new IllegalStateException("fsync failed: no space left on device");
      }
      delegate.commit(version, batch);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void failedCommitAppliesNothingAndPublishesNothing() {
    FlakyStore store = new FlakyStore();
    try (TwinEngine engine = TwinEngine.open(store)) {
      engine.addModels(Fixtures.models());
      TwinView before = engine.putTwin("room", Fixtures.room(20), Precondition.none());
      List<TwinEvent> events = new ArrayList<>();
      engine.subscribe(events::add);
      store.failing = true;
      DoppelException e = Errors.expect(ErrorCode.STORAGE_FAILURE, () -> engine.patchTwin("room",
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":1}]"), Precondition.none()));
      assertThat(e.getMessage()).contains("no space left");
      Errors.expect(ErrorCode.STORAGE_FAILURE, () -> engine.putTwin("room-2", Fixtures.room(1), Precondition.none()));
      assertThat(engine.getTwin("room")).isEqualTo(before);
      assertThat(engine.twinCount()).isEqualTo(1);
      assertThat(engine.version()).isEqualTo(before.version());
      assertThat(events).isEmpty();
      store.failing = false;
      TwinView after = engine.putTwin("room-2", Fixtures.room(1), Precondition.none());
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(events).hasSize(1);
    }
  }

  @Test
  void closedEngineRefusesWrites() {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(Fixtures.models());
    engine.close();
    Errors.expect(ErrorCode.STORAGE_FAILURE, () -> engine.putTwin("room", Fixtures.room(1), Precondition.none()));
  }

  @Test
  void failedCommitOfQueuedWritesLeavesLaterWritesOnCommittedState() {
    FlakyStore store = new FlakyStore();
    try (TwinEngine engine = TwinEngine.open(store)) {
      engine.addModels(Fixtures.models());
      TwinView before = engine.putTwin("room", Fixtures.room(20), Precondition.none());
      store.failing = true;
      List<java.util.concurrent.CompletableFuture<WriteResult>> queued = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        queued.add(engine.submitPatch("room",
            Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + i + "}]"),
            Precondition.none()));
      }
      for (var reply : queued) {
        org.assertj.core.api.Assertions.assertThatThrownBy(reply::join).cause()
            .isInstanceOfSatisfying(DoppelException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
      }
      store.failing = false;
      WriteResult ok = engine.submitPatch("room",
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"hall\"}]"),
          Precondition.ifMatch(before.etag())).join();
      TwinView after = engine.getTwin("room");
      assertThat(ok.version()).isEqualTo(before.version() + 1).isEqualTo(after.version());
      assertThat(after.json().get("temperature").asDouble()).isEqualTo(20);
      assertThat(after.json().get("name").asText()).isEqualTo("hall");
    }
  }
}
