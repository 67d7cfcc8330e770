package io.doppel.predict.anomaly.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A NAB directory ({@code data/<category>/<file>.csv}, {@code labels/combined_windows.json}, optionally
 * {@code results/<detector>/<category>/<detector>_<file>.csv}) read into {@link NabFile}s.
 */
public final class NabCorpus {

  private final Path root;
  private final List<String> names;
  private final JsonNode labels;

  private NabCorpus(Path root, List<String> names, JsonNode labels) {
    this.root = root;
    this.names = names;
    this.labels = labels;
  }

  public static NabCorpus open(Path root) {
    try {
      JsonNode labels = new ObjectMapper().readTree(root.resolve("labels/combined_windows.json").toFile());
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = labels.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (Files.exists(root.resolve("data").resolve(name))) {
          names.add(name);
        }
      }
      names.sort(null);
      return new NabCorpus(root, List.copyOf(names), labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The labelled data files present, e.g. {@code realKnownCause/nyc_taxi.csv}, sorted. */
  public List<String> names() {
    return names;
  }

  public Path dataFile(String name) {
    return root.resolve("data").resolve(name);
  }

  /** A published detector's output for {@code name}, e.g. {@code results/numenta/realKnownCause/numenta_nyc_taxi.csv}. */
  public Path resultFile(String detector, String name) {
    Path p = Path.of(name);
    String file = p.getFileName().toString();
    Path dir = p.getParent() == null ? root.resolve("results").resolve(detector)
        : root.resolve("results").resolve(detector).resolve(p.getParent().toString());
    return dir.resolve(detector + "_" + file);
  }

  /** Every file with the anomaly scores {@code scorer} gives it (e.g. read from a detector's output). */
  public List<NabFile> files(Function<String, double[]> scorer) {
    List<NabFile> out = new ArrayList<>();
    for (String name : names) {
      out.add(file(name, scorer.apply(name)));
    }
    return out;
  }

  public NabFile file(String name, double[] scores) {
    List<LocalDateTime> ts = new ArrayList<>();
    for (Map<String, String> row : Csv.read(dataFile(name))) {
      ts.add(parseTimestamp(row.get("timestamp")));
    }
    List<NabFile.Window> windows = new ArrayList<>();
    for (JsonNode w : labels.get(name)) {
      windows.add(new NabFile.Window(parseTimestamp(w.get(0).asText()), parseTimestamp(w.get(1).asText())));
    }
    return new NabFile(name, ts, windows, scores);
  }

  /** The values of the data file, in row order. */
  public double[] values(String name) {
    return Csv.column(dataFile(name), "value");
  }

  /** The {@code anomaly_score} column of a published detector's output. */
  public double[] publishedScores(String detector, String name) {
    return Csv.column(resultFile(detector, name), "anomaly_score");
  }

  static LocalDateTime parseTimestamp(String s) {
    return LocalDateTime.parse(s.trim().replace(' ', 'T'));
  }
}
