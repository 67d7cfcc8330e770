package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.spi.LoadSink;
import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.TwinStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Writes beyond what the engine has answered wait for room instead of piling up in memory. */
class BackpressureTest {
  /** An in-memory store whose commits wait until {@code open} is counted down, as a stalled disk would. */
  private static final class StalledStore implements TwinStore {
    private final TwinStore delegate = TwinStore.inMemory();
    final CountDownLatch open = new CountDownLatch(1);
    volatile boolean stalling;

    @Override
    public long load(LoadSink sink) {
      return delegate.load(sink);
    }

    @Override
    public void commit(long version, List<Mutation> batch) {
      if (stalling) {
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      delegate.commit(version, batch);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void aCallerWaitsForRoomOnceTheMaximumOfUnansweredWritesIsReached() throws Exception {
    StalledStore store = new StalledStore();
    try (TwinEngine engine = TwinEngine.open(store)) {
      engine.addModels(Fixtures.models());
      engine.putTwin("room", Fixtures.room(20), Precondition.none());
      store.stalling = true;
      List<CompletableFuture<WriteResult>> admitted = new ArrayList<>();
      for (int i = 0; i < Sequencer.MAX_IN_FLIGHT; i++) {
        admitted.add(engine.submitPatch("room",
            Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + i + "}]"), Precondition.none()));
      }
      AtomicReference<CompletableFuture<WriteResult>> extra = new AtomicReference<>();
      Thread late = Thread.ofPlatform().start(() -> extra.set(engine.submitPatch("room",
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":-1}]"), Precondition.none())));
      // The late caller is parked waiting for a place, not queued: it returns only once answers free some.
      org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS)
          .until(() -> late.getState() == Thread.State.WAITING);
      assertThat(extra.get()).isNull();
      store.open.countDown();
      late.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(late.isAlive()).isFalse();
      extra.get().join();
      admitted.forEach(CompletableFuture::join);
      assertThat(engine.getTwin("room").json().get("temperature").asDouble()).isEqualTo(-1);
    }
  }

  @Test
  void aListenerWritingBackOnTheWriterThreadIsNeverMadeToWait() {
    try (TwinEngine engine = TwinEngine.open(TwinStore.inMemory())) {
      engine.addModels(Fixtures.models());
      engine.putTwin("room", Fixtures.room(20), Precondition.none());
      engine.putTwin("mirror", Fixtures.room(0), Precondition.none());
      List<CompletableFuture<WriteResult>> echoes = new java.util.concurrent.CopyOnWriteArrayList<>();
      engine.subscribe(event -> {
        if (event instanceof TwinEvent.TwinPatched p && p.twinId().equals("room")) {
          echoes.add(engine.submitPatch("mirror", Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\","
              + "\"value\":" + p.twin().get("temperature").asDouble() + "}]"), Precondition.none()));
        }
      });
      for (int i = 0; i < 1000; i++) {
        engine.submitPatch("room", Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + i
            + "}]"), Precondition.none());
      }
      engine.patchTwin("room", Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":5000}]"),
          Precondition.none());
      org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> echoes.size() == 1001);
      echoes.forEach(CompletableFuture::join);
      assertThat(engine.getTwin("mirror").json().get("temperature").asDouble()).isEqualTo(5000);
    }
  }
}
