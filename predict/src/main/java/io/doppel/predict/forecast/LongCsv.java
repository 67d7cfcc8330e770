package io.doppel.predict.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Long CSV, {@code series,timestamp,value} (a header line first), rows in any order: each series is sorted by time
 * and resampled onto a regular grid with its median spacing ({@link Resampler}). Timestamps are ISO-8601 (with or
 * without an offset; none means UTC), or numbers (epoch seconds).
 */
public final class LongCsv {
  /** A series on its grid, with the time of its last value and its step, so forecasts can be dated. */
  public record TimedSeries(String id, Resampler.Regular grid) {}

  private LongCsv() {}

  public static boolean isHeader(String line) {
    String[] cells = line.split(",", -1);
    return cells.length == 3 && WideCsv.unquote(cells[0]).equalsIgnoreCase("series")
        && WideCsv.unquote(cells[1]).equalsIgnoreCase("timestamp")
        && WideCsv.unquote(cells[2]).equalsIgnoreCase("value");
  }

  /** Reads the rows after the header line (which the caller has consumed). */
  public static List<TimedSeries> read(BufferedReader in, int firstLineNo) throws IOException {
    Map<String, List<long[]>> times = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    String line;
    int lineNo = firstLineNo;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 3) {
        throw new SeriesFormatException("line " + lineNo + ": expected 3 columns (series,timestamp,value), got "
            + cells.length);
      }
      String id = WideCsv.unquote(cells[0]);
      long t = epochMillis(WideCsv.unquote(cells[1]), lineNo);
      String v = WideCsv.unquote(cells[2]);
      double value;
      try {
        value = v.isEmpty() || v.equalsIgnoreCase("NA") || v.equalsIgnoreCase("NaN") ? Double.NaN
            : Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new SeriesFormatException("line " + lineNo + ", column 3: not a number: '" + v + "'");
      }
      List<Double> seriesValues = values.computeIfAbsent(id, k -> new ArrayList<>());
      times.computeIfAbsent(id, k -> new ArrayList<>()).add(new long[] {t, seriesValues.size()});
      seriesValues.add(value);
    }
    List<TimedSeries> out = new ArrayList<>();
    for (var e : times.entrySet()) {
      List<long[]> ts = e.getValue();
      List<Double> vs = values.get(e.getKey());
      ts.sort((a, b) -> Long.compare(a[0], b[0]));
      long[] sortedTimes = new long[ts.size()];
      double[] sortedValues = new double[ts.size()];
      for (int i = 0; i < ts.size(); i++) {
        sortedTimes[i] = ts.get(i)[0];
        sortedValues[i] = vs.get((int) ts.get(i)[1]);
      }
      long step = Resampler.medianStep(sortedTimes);
      out.add(new TimedSeries(e.getKey(), Resampler.toGrid(sortedTimes, sortedValues, step)));
    }
    return out;
  }

  static long epochMillis(String text, int lineNo) {
    try {
      if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')
          && text.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
        return Math.round(Double.parseDouble(text) * 1000);
      }
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e2) {
          return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new SeriesFormatException("line " + lineNo + ", column 2: not a timestamp: '" + text + "'");
    }
  }
}
