package io.doppel.predict.warning;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the monitor reads: which twins a definition covers and their recorded series. The server answers it from the
 * engine and the history; the monitor itself knows neither.
 */
public interface WarningInputs {
  /** A recorded value. */
  record Sample(Instant time, double value) {}

  /** The ids of the twins {@code definition} applies to (its model or a model extending it, its id pattern). */
  List<String> twins(WarningDefinition definition);

  /** The newest numeric value of the series; null when the twin has none (or only text). */
  @Nullable Sample latest(String twinId, String series);

  /**
   * The average of every non-empty {@code stepMillis}-wide bucket (aligned to the epoch) in {@code [from, to)},
   * oldest first, each stamped with its bucket's start.
   */
  List<Sample> buckets(String twinId, String series, Instant from, Instant to, long stepMillis);
}
