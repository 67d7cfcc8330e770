package io.doppel.cli;

import io.doppel.predict.forecast.Forecast;
import io.doppel.predict.forecast.Forecaster;
import io.doppel.predict.forecast.LongCsv;
import io.doppel.predict.forecast.NamedSeries;
import io.doppel.predict.forecast.SeriesFormatException;
import io.doppel.predict.forecast.WideCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doppel forecast}: forecasts every series of a file locally (no server), for analysts and benchmarks. It
 * reads only the file it is given.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = {"Forecast the series of a CSV file (locally, no server) and write id,v1..vh to standard output.",
        "Input: M4's wide format (id then values, a header line allowed) or long format with the header "
            + "series,timestamp,value (resampled onto each series' median spacing)."})
final class ForecastCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--period", split = ",", required = true, paramLabel = "<m>",
      description = "Seasonal period(s) in steps, e.g. 24 for hourly data; 24 alone also tries the weekly 168. "
          + "The seasonality test decides which ones a series uses; 1 for none.")
  int[] periods;

  @Option(names = "--horizon", required = true, paramLabel = "<h>", description = "Steps to forecast.")
  int horizon;

  @Option(names = "--intervals", description = "Also write the 80%% and 95%% bounds: rows id:lo80, id:hi80, id:lo95, id:hi95.")
  boolean intervals;

  @Option(names = "--models", description = "Write the chosen model and the reason per series to standard error.")
  boolean models;

  @Parameters(index = "0", paramLabel = "<file.csv>", description = "The series file.")
  Path file;

  @Override
  public void run() {
    if (horizon < 1 || horizon > 100_000) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--horizon must be between 1 and 100000, got " + horizon);
    }
    for (int m : periods) {
      if (m < 1) {
        throw new CliFailure(CliFailure.BAD_INPUT, "--period must be at least 1, got " + m);
      }
    }
    int[] candidates = periods.length == 1 && periods[0] == 24 ? new int[] {24, 168} : periods;
    List<NamedSeries> series = read();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StringBuilder header = new StringBuilder("id");
    for (int i = 1; i <= horizon; i++) {
      header.append(",v").append(i);
    }
    out.println(header);
    ProgressLine progress = series.size() > 1 ? new ProgressLine(err, "forecast") : null;
    int done = 0;
    for (NamedSeries s : series) {
      Forecast f = Forecaster.forecast(s.values(), candidates, horizon);
      row(out, s.id(), f.mean());
      if (intervals) {
        row(out, s.id() + ":lo80", f.lower80());
        row(out, s.id() + ":hi80", f.upper80());
        row(out, s.id() + ":lo95", f.lower95());
        row(out, s.id() + ":hi95", f.upper95());
      }
      if (models) {
        err.println(s.id() + ": " + f.model() + " (" + f.reason() + ")");
      }
      if (progress != null) {
        progress.show(++done, series.size());
      }
    }
    out.flush();
  }

  private static void row(PrintWriter out, String id, double[] values) {
    StringBuilder line = new StringBuilder(id.contains(",") ? "\"" + id.replace("\"", "\"\"") + "\"" : id);
    for (double v : values) {
      line.append(',').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
    }
    out.println(line);
  }

  private List<NamedSeries> read() {
    try {
      String text = Files.readString(file);
      String first = text.lines().findFirst().orElse("");
      if (first.isBlank()) {
        throw new CliFailure(CliFailure.BAD_INPUT, file + ": empty file");
      }
      try (BufferedReader in = new BufferedReader(new StringReader(text))) {
        if (LongCsv.isHeader(first)) {
          in.readLine();
          List<NamedSeries> out = new ArrayList<>();
          for (LongCsv.TimedSeries s : LongCsv.read(in, 1)) {
            out.add(new NamedSeries(s.id(), s.grid().values()));
          }
          return out;
        }
        List<NamedSeries> wide = WideCsv.read(in);
        if (wide.isEmpty()) {
          throw new CliFailure(CliFailure.BAD_INPUT, file + ": no series");
        }
        return wide;
      }
    } catch (NoSuchFileException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "no such file: " + file);
    } catch (SeriesFormatException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, file + ": " + e.getMessage());
    } catch (IOException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, file + ": " + e.getMessage(), e);
    }
  }
}
