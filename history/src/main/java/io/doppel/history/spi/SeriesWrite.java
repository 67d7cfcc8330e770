package io.doppel.history.spi;

/** One change in a {@link SeriesStore#write} batch. */
public sealed interface SeriesWrite {
  /** Appends {@code bytes} to the chunk of {@code series} that starts at {@code start}, creating it when absent. */
  record Append(SeriesKey series, long start, byte[] bytes) implements SeriesWrite {}

  /** Replaces the chunk's bytes whole (a chunk re-encoded as one segment when it is sealed). */
  record Replace(SeriesKey series, long start, byte[] bytes) implements SeriesWrite {}

  /** Deletes every chunk of {@code series} that starts before {@code start} (retention). */
  record DeleteBefore(SeriesKey series, long start) implements SeriesWrite {}

  /** Deletes the chunk that starts at {@code start}, if any. */
  record Delete(SeriesKey series, long start) implements SeriesWrite {}

  /** Records that {@code series} exists and which model its twin had when it was last written (for retention). */
  record Register(SeriesKey series, String model) implements SeriesWrite {}

  /** Stores a setting of the history itself (the retention rules set through the API), replacing the last. */
  record Setting(String name, String value) implements SeriesWrite {}

  /** Records that the points of every engine change up to {@code version} are in the store. */
  record Recorded(long version) implements SeriesWrite {}

  /** Adds a change to the {@link ChangeLog} (replacing one with the same version and entity). */
  record Log(ChangeRecord change) implements SeriesWrite {}

  /** Removes a change from the {@link ChangeLog} (retention). */
  record Unlog(ChangeRecord change) implements SeriesWrite {}

  /** Records what the {@link ChangeLog} answers for. */
  record Bounds(ChangeBounds bounds) implements SeriesWrite {}
}
