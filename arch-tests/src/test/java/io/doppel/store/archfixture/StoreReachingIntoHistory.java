package io.doppel.store.archfixture;

import io.doppel.history.archfixture.HistoryInternals;

/** Deliberately broken: a storage backend that uses the history's internals rather than its SPI. */
public final class StoreReachingIntoHistory {
  public int count(HistoryInternals history) {
    return history.chunkCount();
  }
}
