package io.doppel.predict.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * M4's wide CSV: one series per line, the id then its values, padded with empty cells; cells may be quoted. A first
 * line whose value cells are not numbers is a header and is skipped.
 */
public final class WideCsv {
  private WideCsv() {}

  public static List<NamedSeries> read(BufferedReader in) throws IOException {
    List<NamedSeries> out = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String id = unquote(cells[0]);
      double[] values = new double[cells.length - 1];
      int k = 0;
      boolean header = false;
      for (int i = 1; i < cells.length; i++) {
        String cell = unquote(cells[i]);
        if (cell.isEmpty()) {
          continue;
        }
        try {
          values[k++] = cell.equalsIgnoreCase("NA") || cell.equalsIgnoreCase("NaN") ? Double.NaN
              : Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          if (lineNo == 1 && out.isEmpty()) {
            header = true;
            break;
          }
          throw new SeriesFormatException("line " + lineNo + ", column " + (i + 1) + ": not a number: '" + cell + "'");
        }
      }
      if (!header) {
        out.add(new NamedSeries(id, java.util.Arrays.copyOf(values, k)));
      }
    }
    return out;
  }

  static String unquote(String cell) {
    String c = cell.trim();
    if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
      return c.substring(1, c.length() - 1).trim();
    }
    return c;
  }
}
