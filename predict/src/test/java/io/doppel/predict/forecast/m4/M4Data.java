package io.doppel.predict.forecast.m4;

import io.doppel.predict.forecast.NamedSeries;
import io.doppel.predict.forecast.WideCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** M4 Hourly as shared beside the project ({@code -Dm4.dir} overrides where). */
final class M4Data {
  static final Path DIR = Path.of(System.getProperty("m4.dir", "../../shared/data/m4"));

  private M4Data() {}

  static boolean present() {
    return Files.isRegularFile(DIR.resolve("Hourly-train.csv")) && Files.isRegularFile(DIR.resolve("Hourly-test.csv"));
  }

  static List<NamedSeries> read(String file) {
    try (BufferedReader in = Files.newBufferedReader(DIR.resolve(file))) {
      return WideCsv.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
