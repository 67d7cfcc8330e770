package io.doppel.history;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.StoredChunk;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Visits the chunks of one series that may hold points in {@code [from, to)}, in start order, fetching a few at a
 * time: a long range (a year of 1-second data, an export of every series) never holds more than {@link #BATCH}
 * chunks' bytes in memory, and no store iterator stays open while the visitor writes to a slow client.
 */
final class ChunkWalk {
  static final int BATCH = 16;

  /** Receives one chunk; returns false to stop. */
  @FunctionalInterface
  interface Visitor {
    boolean chunk(StoredChunk chunk) throws IOException;
  }

  private ChunkWalk() {}

  static void walk(SeriesStore store, SeriesKey series, long from, long to, Visitor visitor) throws IOException {
    Optional<StoredChunk> floor = store.floor(series, from);
    long cursor;
    if (floor.isPresent()) {
      if (!visitor.chunk(floor.get())) {
        return;
      }
      cursor = floor.get().start();
    } else {
      cursor = from == Long.MIN_VALUE ? Long.MIN_VALUE : from - 1;
    }
    while (true) {
      List<StoredChunk> batch = store.chunksAfter(series, cursor, BATCH);
      for (StoredChunk chunk : batch) {
        if (chunk.start() >= to || !visitor.chunk(chunk)) {
          return;
        }
        cursor = chunk.start();
      }
      if (batch.size() < BATCH) {
        return;
      }
    }
  }
}
