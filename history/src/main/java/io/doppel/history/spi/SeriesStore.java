package io.doppel.history.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where the history keeps its chunks durably. The history has one writer thread that calls {@link #write}; reads
 * come from any thread at any time and must see each chunk either before or after a write, never half of one.
 */
public interface SeriesStore extends AutoCloseable {
  /**
   * Applies {@code batch} atomically and returns only once it is durable (a synced log). Throws
   * {@link io.doppel.twin.DoppelException} with {@code STORAGE_FAILURE} when it cannot, in which case nothing of the
   * batch may be visible after a restart.
   */
  void write(List<SeriesWrite> batch);

  /**
   * The chunks that may hold points of {@code series} in {@code [from, to)}, in start order: the last chunk that
   * starts at or before {@code from}, then every chunk that starts after {@code from} and before {@code to}.
   */
  List<StoredChunk> chunks(SeriesKey series, long from, long to);

  /** The chunk of {@code series} with the greatest start at or before {@code time}. */
  Optional<StoredChunk> floor(SeriesKey series, long time);

  /**
   * At most {@code limit} chunks of {@code series} that start after {@code after}, in start order: long ranges
   * (exports, usage) are walked a few chunks at a time, never loaded whole.
   */
  List<StoredChunk> chunksAfter(SeriesKey series, long after, int limit);

  /** The chunk of {@code series} that starts last (it holds the newest point). */
  Optional<StoredChunk> last(SeriesKey series);

  /** The names of {@code twinId}'s series, ordered, each with the model it was registered with. */
  Map<String, String> series(String twinId);

  /** The last engine version written with {@link SeriesWrite.Recorded}, or 0. */
  long recordedVersion();

  /** The value last written with {@link SeriesWrite.Setting} under {@code name} (retention rules), if any. */
  Optional<String> setting(String name);

  /** Every registered series with its model, in key order (retention walks them). */
  void forEachSeries(BiConsumer<SeriesKey, String> visitor);

  /** The change log kept in this store; its writes come through {@link #write}. */
  ChangeLog changes();

  @Override
  void close();

  /** A non-durable store for tests and simulations. */
  static SeriesStore inMemory() {
    return new InMemorySeriesStore();
  }
}
