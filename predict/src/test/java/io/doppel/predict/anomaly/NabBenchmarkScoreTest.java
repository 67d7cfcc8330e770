package io.doppel.predict.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.predict.anomaly.nab.CorpusScore;
import io.doppel.predict.anomaly.nab.NabCorpus;
import io.doppel.predict.anomaly.nab.NabData;
import io.doppel.predict.anomaly.nab.NabFile;
import io.doppel.predict.anomaly.nab.NabProfile;
import io.doppel.predict.anomaly.nab.NabScorer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the detector on every NAB file (a fresh detector per file, the same constants for all, values fed one at a
 * time) and scores it with NAB's method, the threshold chosen once for the corpus. The floor guards against
 * regressions; the figures are printed for docs/prediction.md.
 */
class NabBenchmarkScoreTest {

  @Test
  void scoresTheWholeCorpusOnAllThreeProfiles() {
    NabCorpus corpus = NabCorpus.open(NabData.root());
    List<NabFile> files = new ArrayList<>();
    for (String name : corpus.names()) {
      NabFile file = corpus.file(name, new double[corpus.values(name).length]);
      double[] values = corpus.values(name);
      double[] scores = new double[values.length];
      AnomalyDetector detector = new AnomalyDetector();
      for (int i = 0; i < values.length; i++) {
        scores[i] = detector.score(file.timestamps().get(i).toEpochSecond(ZoneOffset.UTC), values[i]).score();
      }
      files.add(file.withScores(scores));
    }
    CorpusScore standard = NabScorer.score(files, NabProfile.STANDARD);
    CorpusScore lowFp = NabScorer.score(files, NabProfile.REWARD_LOW_FP);
    CorpusScore lowFn = NabScorer.score(files, NabProfile.REWARD_LOW_FN);
    System.out.printf("Doppel detector on %d NAB files: standard %.2f (threshold %.4f), reward_low_FP %.2f, "
            + "reward_low_FN %.2f%n", files.size(), standard.normalised(), standard.threshold(), lowFp.normalised(),
        lowFn.normalised());
    assertThat(standard.normalised()).isGreaterThan(70.0);
    assertThat(lowFp.normalised()).isGreaterThan(62.0);
    assertThat(lowFn.normalised()).isGreaterThan(75.0);
  }
}
