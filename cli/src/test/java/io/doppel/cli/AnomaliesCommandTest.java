package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.predict.anomaly.nab.CorpusScore;
import io.doppel.predict.anomaly.nab.NabCorpus;
import io.doppel.predict.anomaly.nab.NabFile;
import io.doppel.predict.anomaly.nab.NabProfile;
import io.doppel.predict.anomaly.nab.NabScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NAB figures of docs/prediction.md come from here: every NAB data file goes through {@code doppel anomalies}
 * and the printed {@code anomaly_score} column is scored with NAB's method.
 */
class AnomaliesCommandTest {

  @TempDir Path dir;

  @Test
  void theNabCorpusThroughTheCommandScoresAsDocumented() {
    NabCorpus corpus = NabCorpus.open(nabRoot());
    List<NabFile> files = new ArrayList<>();
    for (String name : corpus.names()) {
      CliRun r = run("anomalies", corpus.dataFile(name).toString());
      assertThat(r.exit()).as(r.err()).isZero();
      String[] lines = r.out().split("\n");
      assertThat(lines[0]).isEqualTo("timestamp,value,anomaly_score");
      double[] scores = new double[lines.length - 1];
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        scores[i - 1] = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
        assertThat(scores[i - 1]).isBetween(0.0, 1.0);
      }
      files.add(corpus.file(name, scores));
    }
    StringBuilder figures = new StringBuilder();
    for (NabProfile p : NabProfile.all()) {
      CorpusScore s = NabScorer.score(files, p);
      figures.append(String.format(" %s %.2f (threshold %.4f)", p.name(), s.normalised(), s.threshold()));
    }
    System.out.println("doppel anomalies on " + files.size() + " NAB files:" + figures);
    assertThat(NabScorer.score(files, NabProfile.STANDARD).normalised()).isGreaterThan(70.0);
  }

  @Test
  void explainAddsTheExpectedRangeAndSensitivityIsChecked() throws IOException {
    Path csv = dir.resolve("s.csv");
    StringBuilder b = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 400; i++) {
      b.append(1_700_000_000L + 60L * i).append(',').append(10 + Math.sin(i * 1.7)).append('\n');
    }
    b.append("2023-11-14T22:53:20Z,90\n");
    Files.writeString(csv, b);
    CliRun r = run("anomalies", "--explain", csv.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).isEqualTo("timestamp,value,anomaly_score,expected_low,expected_high,deviation,kind,anomaly");
    assertThat(lines[401]).startsWith("2023-11-14T22:53:20Z,90,").endsWith(",true");
    assertThat(run("anomalies", "--sensitivity", "0", csv.toString()).err()).contains("--sensitivity");
  }

  @Test
  void badInputNamesTheLineAndTheProblem() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "timestamp,value\n2014-04-01 00:00:00,1.5\n2014-04-01 00:05:00,abc\n");
    CliRun r = run("anomalies", csv.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("line 3").contains("'abc' is not a number");

    Files.writeString(csv, "timestamp,value\nyesterday,1.5\n");
    assertThat(run("anomalies", csv.toString()).err()).contains("line 2").contains("timestamp 'yesterday'");

    Files.writeString(csv, "time,reading\n1,2\n");
    assertThat(run("anomalies", csv.toString()).err()).contains("no 'timestamp' column");

    CliRun missing = run("anomalies", dir.resolve("nope.csv").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
  }

  private static Path nabRoot() {
    String configured = System.getProperty("doppel.nab.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/data/nab/data"))) {
        return d.resolve("shared/data/nab");
      }
    }
    throw new IllegalStateException("NAB data not found: set -Ddoppel.nab.dir");
  }
}
