package io.doppel.history;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Enforces {@link Retention} by dropping whole chunks, never rewriting one: a chunk goes once the next chunk starts
 * at or before the cutoff (then all of its points are older), or once its own newest point is older (the series'
 * last chunk, or one before a gap). Runs on the writer thread, so it never races an append.
 */
final class RetentionSweep {
  private static final int WRITES_PER_BATCH = 1000;

  private RetentionSweep() {}

  /** Drops what {@code retention} no longer keeps as of {@code now}; returns the number of series touched. */
  static int run(SeriesStore store, Retention retention, long now, Consumer<SeriesKey> dropped) {
    List<Map.Entry<SeriesKey, String>> all = new ArrayList<>();
    store.forEachSeries((key, model) -> all.add(Map.entry(key, model)));
    List<SeriesWrite> writes = new ArrayList<>();
    int touched = 0;
    for (Map.Entry<SeriesKey, String> series : all) {
      SeriesKey key = series.getKey();
      Optional<Duration> maxAge = retention.maxAge(series.getValue(), key.name());
      if (maxAge.isEmpty()) {
        continue;
      }
      long cutoff = now - maxAge.get().toMillis();
      Optional<StoredChunk> floor = store.floor(key, cutoff);
      if (floor.isEmpty()) {
        continue; // every chunk starts after the cutoff
      }
      long start = floor.get().start();
      writes.add(new SeriesWrite.DeleteBefore(key, start));
      // The chunk at the cutoff goes too once its newest point is older: the series' last chunk, or one followed
      // by a gap (a series that paused for days would otherwise keep it until the next chunk aged as well).
      Points points = ChunkCodec.decode(start, floor.get().data());
      if (points.size == 0 || points.last() < cutoff) {
        writes.add(new SeriesWrite.Delete(key, start));
      }
      dropped.accept(key);
      touched++;
      if (writes.size() >= WRITES_PER_BATCH) {
        store.write(writes);
        writes.clear();
      }
    }
    if (!writes.isEmpty()) {
      store.write(writes);
    }
    return touched;
  }
}
