package io.doppel.predict.anomaly.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plain comma-separated files of NAB (a header line, no quoting). */
final class Csv {

  private Csv() {}

  static List<Map<String, String>> read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String header = in.readLine();
      if (header == null) {
        return List.of();
      }
      String[] names = header.split(",", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length && i < cells.length; i++) {
          row.put(names[i].trim(), cells[i]);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] column(Path file, String name) {
    List<Map<String, String>> rows = read(file);
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      String cell = rows.get(i).get(name);
      if (cell == null) {
        throw new IllegalArgumentException(file + ": no column " + name + " on row " + (i + 2));
      }
      out[i] = Double.parseDouble(cell.trim());
    }
    return out;
  }
}
