package io.doppel.history;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.StoredChunk;
import java.util.List;

/**
 * Range reads straight from the store: only the chunks that may hold points in range are fetched and decoded.
 * Chunks of a series never overlap, so visiting them in start order yields points in time order.
 */
final class SeriesReader {
  /** Receives points in ascending time order; returns false to stop. */
  @FunctionalInterface
  interface Visitor {
    boolean point(long time, double value, @org.jspecify.annotations.Nullable String text);
  }

  private final SeriesStore store;

  SeriesReader(SeriesStore store) {
    this.store = store;
  }

  /** Visits every point of {@code series} in {@code [from, to)} until the visitor says stop. */
  void scan(SeriesKey series, long from, long to, Visitor visitor) {
    List<StoredChunk> chunks = store.chunks(series, from, to);
    for (StoredChunk chunk : chunks) {
      Points points = ChunkCodec.decode(chunk.start(), chunk.data());
      for (int i = 0; i < points.size; i++) {
        long t = points.times[i];
        if (t >= to) {
          break;
        }
        if (t >= from && !visitor.point(t, points.values[i], points.text(i))) {
          return;
        }
      }
    }
  }

  /** The newest point of {@code series}, or null when it has none. */
  @org.jspecify.annotations.Nullable Point latest(SeriesKey series) {
    return store.last(series).map(c -> {
      Points points = ChunkCodec.decode(c.start(), c.data());
      int last = points.size - 1;
      return points.size == 0 ? null : new Point(points.last(), points.values[last], points.text(last));
    }).orElse(null);
  }
}
