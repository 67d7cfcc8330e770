package io.doppel.predict.anomaly.nab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One data file of the corpus as the scorer sees it: its timestamps, its labelled windows and a detector's anomaly
 * scores, row by row.
 *
 * @param name the file's path relative to the data directory, e.g. {@code realKnownCause/nyc_taxi.csv}
 */
public record NabFile(String name, List<LocalDateTime> timestamps, List<Window> windows, double[] anomalyScores) {

  /** A labelled anomaly window, inclusive at both ends. */
  public record Window(LocalDateTime start, LocalDateTime end) {}

  public NabFile {
    timestamps = List.copyOf(timestamps);
    windows = List.copyOf(windows);
    if (anomalyScores.length != timestamps.size()) {
      throw new IllegalArgumentException(
          name + ": " + anomalyScores.length + " anomaly scores for " + timestamps.size() + " rows");
    }
  }

  public int rows() {
    return timestamps.size();
  }

  public NabFile withScores(double[] scores) {
    return new NabFile(name, timestamps, windows, scores);
  }
}
