package io.doppel.predict.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Feeds the published detectors' per-row outputs through the scorer at NAB's published thresholds and compares every
 * file's score and counts with NAB's own score files. Those files print 12 significant digits, so scores must agree
 * to 1e-9 (the scorer's own floating point differs from NAB's only in summation order, about 1e-15).
 */
class NabScorerReproducesPublishedScoresTest {

  private static final double TOLERANCE = 1e-9;
  private static final Path ROOT = NabData.root();
  private static final NabCorpus CORPUS = NabCorpus.open(ROOT);

  @ParameterizedTest
  @CsvSource({
      "numenta, standard", "numenta, reward_low_FP_rate", "numenta, reward_low_FN_rate",
      "windowedGaussian, standard", "windowedGaussian, reward_low_FP_rate", "windowedGaussian, reward_low_FN_rate"})
  void reproducesEveryFileScoreAndTheNormalisedTotal(String detector, String profileName) throws IOException {
    NabProfile profile = NabProfile.all().stream().filter(p -> p.name().equals(profileName)).findFirst().orElseThrow();
    JsonNode thresholds = new ObjectMapper().readTree(ROOT.resolve("config/thresholds.json").toFile());
    double threshold = thresholds.get(detector).get(profileName).get("threshold").asDouble();
    List<NabFile> files = CORPUS.files(name -> CORPUS.publishedScores(detector, name));

    CorpusScore ours = NabScorer.scoreAt(files, profile, threshold);

    Map<String, Map<String, String>> published = Csv.read(
            ROOT.resolve("results").resolve(detector).resolve(detector + "_" + profileName + "_scores.csv"))
        .stream().filter(r -> !r.get("File").equals("Totals") && !r.get("File").isBlank())
        .collect(Collectors.toMap(r -> r.get("File"), Function.identity()));
    assertThat(ours.files()).hasSize(published.size()).hasSize(CORPUS.names().size());
    double publishedRaw = 0;
    for (FileScore f : ours.files()) {
      Map<String, String> row = published.get(f.file());
      assertThat(row).as(f.file()).isNotNull();
      double expected = Double.parseDouble(row.get("Score"));
      publishedRaw += expected;
      assertThat(f.score()).as(f.file() + " score").isCloseTo(expected, within(TOLERANCE));
      assertThat(List.of(f.tp(), f.tn(), f.fp(), f.fn(), f.totalCount())).as(f.file() + " tp tn fp fn total")
          .containsExactly(Integer.parseInt(row.get("TP")), Integer.parseInt(row.get("TN")),
              Integer.parseInt(row.get("FP")), Integer.parseInt(row.get("FN")),
              Integer.parseInt(row.get("Total_Count")));
    }
    int windows = files.stream().mapToInt(f -> f.windows().size()).sum();
    assertThat(ours.nullScore()).isEqualTo(-profile.fnWeight() * windows);
    assertThat(ours.perfectScore()).isEqualTo(profile.tpWeight() * windows);
    double publishedNormalised = 100 * (publishedRaw - ours.nullScore()) / (ours.perfectScore() - ours.nullScore());
    assertThat(ours.raw()).isCloseTo(publishedRaw, within(TOLERANCE * files.size()));
    assertThat(ours.normalised()).isCloseTo(publishedNormalised, within(1e-9));
    System.out.printf("NAB %s %s: threshold %s raw %.6f normalised %.4f on %d files, %d windows%n",
        detector, profileName, threshold, ours.raw(), ours.normalised(), files.size(), windows);
  }
}
