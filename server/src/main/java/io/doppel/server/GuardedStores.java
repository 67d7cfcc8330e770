package io.doppel.server;

import io.doppel.ingest.spi.DeadLetter;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.spi.LoadSink;
import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.TwinStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The stores every channel writes through (the engine's, the dead letters), refusing while the {@link DiskGuard}
 * says the disk is below its reserve, and telling the guard at once when the disk itself refused a write. HTTP is
 * refused earlier, in {@link StorageRoutes#check}; these cover MQTT, Kafka, bridges and rules.
 */
final class GuardedStores {
  private GuardedStores() {}

  static TwinStore twins(TwinStore store, DiskGuard guard) {
    return new TwinStore() {
      @Override
      public long load(LoadSink sink) {
        return store.load(sink);
      }

      @Override
      public void commit(long version, List<Mutation> batch) {
        guard.requireWritable();
        try {
          store.commit(version, batch);
        } catch (DoppelException e) {
          if (e.code().isStorage()) {
            guard.recheck();
          }
          throw e;
        }
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  static DeadLetterStore deadLetters(DeadLetterStore store, DiskGuard guard) {
    return new DeadLetterStore() {
      @Override
      public CompletableFuture<DeadLetter> add(DeadLetter letter) {
        if (!guard.writable()) {
          return CompletableFuture.failedFuture(DiskGuard.refusal(guard.status()));
        }
        return watched(store.add(letter), guard);
      }

      @Override
      public List<DeadLetter> list(long after, int limit, @Nullable String connector) {
        return store.list(after, limit, connector);
      }

      @Override
      public Optional<DeadLetter> get(long id) {
        return store.get(id);
      }

      @Override
      public CompletableFuture<Boolean> replace(DeadLetter letter) {
        if (!guard.writable()) {
          return CompletableFuture.failedFuture(DiskGuard.refusal(guard.status()));
        }
        return watched(store.replace(letter), guard);
      }

      @Override
      public boolean remove(long id) {
        return store.remove(id);
      }

      @Override
      public long count() {
        return store.count();
      }

      @Override
      public long bytes() {
        return store.bytes();
      }

      @Override
      public long evicted() {
        return store.evicted();
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  /** {@code write}, with the guard told at once when it failed for the disk's sake. */
  static <T> CompletableFuture<T> watched(CompletableFuture<T> write, DiskGuard guard) {
    return write.whenComplete((ok, failure) -> {
      Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
          ? c.getCause() : failure;
      if (cause instanceof DoppelException d && d.code().isStorage()) {
        guard.recheck();
      }
    });
  }
}
