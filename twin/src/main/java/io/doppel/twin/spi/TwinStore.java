package io.doppel.twin.spi;

import java.util.List;

/**
 * Where the engine keeps its state durably. The engine is the only writer and calls {@link #commit} from a single
 * thread, so implementations need no locking of their own beyond what {@link #load} and close require.
 */
public interface TwinStore extends AutoCloseable {
  /**
   * Streams every stored model, twin, relationship and index definition into {@code sink} (models before twins)
   * and returns the version of the last committed batch (0 for an empty store). A store written before index
   * definitions existed simply has none.
   */
  long load(LoadSink sink);

  /**
   * Applies {@code batch} atomically and records {@code version} as the last committed version. Returns only once
   * the batch is durable; throws {@link io.doppel.twin.DoppelException} with {@code STORAGE_FAILURE} when it cannot
   * be made durable, in which case nothing of the batch may be visible after a restart.
   */
  void commit(long version, List<Mutation> batch);

  @Override
  void close();

  /** A non-durable store for tests and simulations; it survives closing an engine, not the process. */
  static TwinStore inMemory() {
    return new InMemoryTwinStore();
  }
}
