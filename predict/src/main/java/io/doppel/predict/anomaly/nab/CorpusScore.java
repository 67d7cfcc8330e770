package io.doppel.predict.anomaly.nab;

import java.util.List;

/**
 * A detector's result on a corpus for one profile.
 *
 * @param raw the sum of the files' scores at {@code threshold}
 * @param nullScore the null detector's raw score (every window missed)
 * @param perfectScore a detector that finds every window on its first row
 * @param normalised {@code 100 * (raw - null) / (perfect - null)}: 0 for the null detector, 100 for the perfect one
 */
public record CorpusScore(
    NabProfile profile, double threshold, double raw, double nullScore, double perfectScore, double normalised,
    List<FileScore> files) {

  public CorpusScore {
    files = List.copyOf(files);
  }
}
