package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.spi.LoadSink;
import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.TwinStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every committed write is counted once in each stage, and a stage's time is where it was spent. */
class CommitStagesTest {
  private static final long STORE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** An in-memory store whose commits take at least {@link #STORE_NANOS}, as a slow sync would. */
  private static final class SlowStore implements TwinStore {
    private final TwinStore delegate = TwinStore.inMemory();

    @Override
    public long load(LoadSink sink) {
      return delegate.load(sink);
    }

    @Override
    public void commit(long version, List<Mutation> batch) {
      long until = System.nanoTime() + STORE_NANOS;
      for (long left = STORE_NANOS; left > 0; left = until - System.nanoTime()) {
        java.util.concurrent.locks.LockSupport.parkNanos(left);
      }
      delegate.commit(version, batch);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void eachCommittedWriteCountsOnceInEveryStageAndTheStoresTimeInSyncing() {
    try (TwinEngine engine = TwinEngine.open(new SlowStore())) {
      engine.addModels(Fixtures.models());
      engine.putTwin("room", Fixtures.room(20), Precondition.none());
      CommitStages stages = engine.commitStages();
      LatencyHistogram.Snapshot syncingBefore = stages.syncing().snapshot();
      LatencyHistogram.Snapshot answeringBefore = stages.answering().snapshot();
      List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        writes.add(engine.submitPatch("room",
            Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + i + "}]"),
            Precondition.none()));
      }
      writes.forEach(CompletableFuture::join);

      LatencyHistogram.Snapshot syncing = stages.syncing().snapshot().minus(syncingBefore);
      assertThat(syncing.count()).isEqualTo(50);
      assertThat(syncing.percentile(0.0)).isGreaterThanOrEqualTo(STORE_NANOS);
      assertThat(stages.answering().snapshot().minus(answeringBefore).count()).isEqualTo(50);
      // Models, the twin and the 50 patches: 52 committed writes since the engine opened, in every stage.
      assertThat(stages.waiting().snapshot().count()).isEqualTo(52);
      assertThat(stages.preparing().snapshot().count()).isEqualTo(52);
      assertThat(stages.publishing().snapshot().count()).isEqualTo(52);
    }
  }
}
