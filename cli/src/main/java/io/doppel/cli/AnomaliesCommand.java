package io.doppel.cli;

import io.doppel.predict.anomaly.AnomalyDetector;
import io.doppel.predict.anomaly.AnomalyScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doppel anomalies <file.csv>}: scores a {@code timestamp,value} series offline, value by value, with the
 * detector the server runs on live series, and prints the file back with an {@code anomaly_score} column. It reads
 * nothing but the file, and each score only from the rows before it.
 */
@Command(name = "anomalies", mixinStandardHelpOptions = true,
    description = "Score a timestamp,value CSV series for anomalies (offline, no server): prints it back with an "
        + "anomaly_score column in [0, 1]; 0.5 and above is an anomaly at sensitivity 1.")
final class AnomaliesCommand implements Runnable {
  @Spec CommandSpec spec;
  @Parameters(paramLabel = "<file.csv>", description = "timestamp,value CSV with a header line; - for standard input.")
  String file;
  @Option(names = "--sensitivity", defaultValue = "1",
      description = "Above 1 flags more anomalies, below 1 fewer. Default: ${DEFAULT-VALUE}")
  double sensitivity;
  @Option(names = "--explain",
      description = "Add expected_low, expected_high, deviation, kind and anomaly columns.")
  boolean explain;

  @Override
  public void run() {
    AnomalyDetector detector;
    try {
      detector = new AnomalyDetector(sensitivity);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "doppel: --sensitivity: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (BufferedReader in = open()) {
      String header = in.readLine();
      if (header == null) {
        throw new CliFailure(CliFailure.BAD_INPUT, "doppel: " + file + ": empty file, expected a timestamp,value header");
      }
      String[] names = header.split(",", -1);
      int ts = indexOf(names, "timestamp");
      int val = indexOf(names, "value");
      out.println(header + ",anomaly_score" + (explain ? ",expected_low,expected_high,deviation,kind,anomaly" : ""));
      int lineNo = 1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length <= Math.max(ts, val)) {
          throw bad(lineNo, "expected " + names.length + " columns, found " + cells.length);
        }
        long t = epochSecond(cells[ts].trim(), lineNo);
        double v = value(cells[val].trim(), lineNo);
        AnomalyScore s = detector.score(t, v);
        out.print(line);
        out.print(',');
        out.print(format(s.score()));
        if (explain) {
          out.print(',' + format(s.expectedLow()) + ',' + format(s.expectedHigh()) + ',' + format(s.deviation()) + ','
              + s.kind().name().toLowerCase(Locale.ROOT) + ',' + s.anomaly());
        }
        out.println();
      }
      out.flush();
    } catch (IOException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "doppel: cannot read " + file + ": " + describe(e), e);
    }
  }

  private BufferedReader open() throws IOException {
    if (file.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }

  private int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new CliFailure(CliFailure.BAD_INPUT,
        "doppel: " + file + " line 1: no '" + name + "' column (header must name timestamp and value)");
  }

  /** NAB's {@code 2014-04-01 00:05:00} (UTC), an ISO-8601 instant, or epoch seconds or milliseconds. */
  private long epochSecond(String cell, int lineNo) {
    try {
      if (cell.matches("-?\\d+")) {
        long n = Long.parseLong(cell);
        return Math.abs(n) >= 100_000_000_000L ? Math.floorDiv(n, 1000) : n;
      }
      if (cell.endsWith("Z") || cell.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return Instant.parse(cell.replace(' ', 'T')).getEpochSecond();
      }
      return LocalDateTime.parse(cell.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw bad(lineNo, "timestamp '" + cell + "' is not a date-time (e.g. 2014-04-01 00:05:00) or epoch number");
    }
  }

  private double value(String cell, int lineNo) {
    try {
      double v = Double.parseDouble(cell);
      if (!Double.isFinite(v)) {
        throw bad(lineNo, "value '" + cell + "' is not a finite number");
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(lineNo, "value '" + cell + "' is not a number");
    }
  }

  private CliFailure bad(int lineNo, String what) {
    return new CliFailure(CliFailure.BAD_INPUT, "doppel: " + file + " line " + lineNo + ": " + what);
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
  }

  private static String format(double d) {
    return Double.isNaN(d) ? "" : Double.toString(d);
  }
}
