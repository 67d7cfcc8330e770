package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel scenarios ...}: stored what-if scenarios, their runs against the baseline and calibration. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
    description = "Define (each put a new version), list, show, delete, run and calibrate what-if scenarios.",
    subcommands = {ScenariosCommand.Put.class, ScenariosCommand.ListScenarios.class, ScenariosCommand.Get.class,
        ScenariosCommand.Delete.class, ScenariosCommand.Run.class, ScenariosCommand.Result.class,
        ScenariosCommand.Calibrate.class})
final class ScenariosCommand {
  private ScenariosCommand() {}

  static String path(String id) {
    return "/scenarios/" + ApiClient.segment(id);
  }

  @Command(name = "put", mixinStandardHelpOptions = true,
      description = "Store a scenario definition (JSON file) as its next version.")
  static final class Put extends ClientCommand {
    @Parameters(paramLabel = "<file>", description = "The scenario definition (.json).")
    Path file;

    @Option(names = "--id", description = "The scenario id (default: the file name without .json).")
    String id;

    @Override
    public void run() {
      String scenario = id != null ? id : file.getFileName().toString().replaceFirst("\\.json$", "");
      print(api().putText(path(scenario), Bodies.readFile(file), "application/json"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest version of every scenario.")
  static final class ListScenarios extends ClientCommand {
    @Override
    public void run() {
      showItems("/scenarios");
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "One scenario (the latest or a version).")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Option(names = "--version", description = "A version kept (default: the latest).")
    Integer version;

    @Override
    public void run() {
      show(path(id) + (version == null ? "" : "?version=" + version));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete every version of a scenario.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      delete(path(id), "deleted " + id);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a scenario against its baseline: a progress bar while it goes, then the comparison.")
  static final class Run extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Option(names = "--version", description = "A version kept (default: the latest).")
    Integer version;

    @Option(names = "--no-wait", description = "Print the run id and return at once.")
    boolean noWait;

    @Option(names = "--json", description = "Print the whole run (results, series) as JSON instead of a table.")
    boolean json;

    @Option(names = "--all", description = "Show every metric, not only those whose intervals separate.")
    boolean all;

    @Override
    public void run() {
      JsonNode started = api().post(path(id) + "/runs" + (version == null ? "" : "?version=" + version),
          ApiClient.MAPPER.createObjectNode());
      if (noWait) {
        print(started);
        return;
      }
      JsonNode done = Runs.await(api(), id, started.path("id").asText(), spec.commandLine().getErr());
      Runs.report(api(), out(), done, json, all);
    }
  }

  @Command(name = "result", mixinStandardHelpOptions = true,
      description = "A run's status, or its comparison once done.")
  static final class Result extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>")
    String id;

    @Parameters(index = "1", paramLabel = "<run>")
    String run;

    @Option(names = "--json", description = "Print the whole run as JSON instead of a table.")
    boolean json;

    @Option(names = "--all", description = "Show every metric, not only those whose intervals separate.")
    boolean all;

    @Override
    public void run() {
      Runs.report(api(), out(), api().get(path(id) + "/runs/" + ApiClient.segment(run)), json, all);
    }
  }

  @Command(name = "calibrate", mixinStandardHelpOptions = true,
      description = "Estimate arrival rates and service times from recorded telemetry and run the calibrated"
          + " baseline: the estimates and how far the simulated figures are from the observed ones.")
  static final class Calibrate extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Option(names = "--from", description = "Start of the window (ISO-8601; default: an hour before --to).")
    String from;

    @Option(names = "--to", description = "End of the window (ISO-8601; default: now).")
    String to;

    @Option(names = "--json", description = "Print the whole run as JSON instead of tables.")
    boolean json;

    @Override
    public void run() {
      ObjectNode body = ApiClient.MAPPER.createObjectNode();
      if (from != null) {
        body.put("from", from);
      }
      if (to != null) {
        body.put("to", to);
      }
      JsonNode started = api().post(path(id) + "/calibrate", body);
      JsonNode done = Runs.await(api(), id, started.path("id").asText(), spec.commandLine().getErr());
      PrintWriter out = out();
      if (json || !done.path("status").asText().equals("done")) {
        Runs.report(api(), out, done, true, true);
        return;
      }
      RowTable.print(out, done.path("calibration").path("estimates"));
      List<JsonNode> fit = new ArrayList<>();
      for (JsonNode f : done.path("calibration").path("fit")) {
        ObjectNode row = ApiClient.MAPPER.createObjectNode().put("twin", f.path("twin").asText())
            .put("metric", f.path("metric").asText()).put("observed", Runs.number(f.path("observed")))
            .put("simulated", Runs.interval(f.path("simulated")))
            .put("error", Runs.percent(f.path("relativeError")));
        fit.add(row);
      }
      RowTable.print(out, fit);
    }
  }

  /** Waiting for a run with a progress bar, and its comparison as a table. */
  static final class Runs {
    private Runs() {}

    static JsonNode await(ApiClient api, String scenario, String run, PrintWriter err) {
      ProgressLine bar = new ProgressLine(err, "replications");
      String path = path(scenario) + "/runs/" + ApiClient.segment(run);
      while (true) {
        JsonNode r = api.get(path);
        JsonNode p = r.path("progress");
        String status = r.path("status").asText();
        if (!status.equals("queued")) {
          bar.show(p.path("replicationsDone").asLong(), p.path("replications").asLong());
        }
        if (!status.equals("queued") && !status.equals("running")) {
          return r;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CliFailure(CliFailure.REQUEST_REJECTED, "interrupted; the run goes on: doppel scenarios"
              + " result " + scenario + " " + run);
        }
      }
    }

    static void report(ApiClient api, PrintWriter out, JsonNode run, boolean json, boolean all) {
      String status = run.path("status").asText();
      if (json || !status.equals("done")) {
        api.print(out, run);
        if (status.equals("failed")) {
          throw new CliFailure(CliFailure.REQUEST_REJECTED, "run failed: " + run.path("error").path("message")
              .asText());
        }
        return;
      }
      out.println("run " + run.path("id").asText() + " of " + run.path("scenario").asText() + " v"
          + run.path("version").asInt() + ": baseline vs scenario, 95% intervals");
      List<JsonNode> rows = new ArrayList<>();
      JsonNode comparison = run.path("result").path("comparison");
      for (JsonNode c : comparison) {
        if (!all && !c.path("separated").asBoolean() && !c.path("scope").asText().equals("network")) {
          continue;
        }
        rows.add(ApiClient.MAPPER.createObjectNode().put("scope", c.path("scope").asText())
            .put("metric", c.path("metric").asText())
            .put("baseline", interval(c.path("baseline"))).put("scenario", interval(c.path("scenario")))
            .put("change", percent(c.path("relativeChange"))).put("verdict", c.path("verdict").asText()));
      }
      RowTable.print(out, rows);
      for (String side : List.of("baseline", "scenario")) {
        for (JsonNode w : run.path("result").path(side).path("warnings")) {
          out.println(side + ": " + w.asText());
        }
      }
      out.flush();
    }

    static String interval(JsonNode stat) {
      if (stat.path("mean").isNull() || stat.path("mean").isMissingNode()) {
        return "-";
      }
      String mean = number(stat.path("mean"));
      if (stat.path("low").isNumber() && stat.path("high").isNumber()
          && stat.path("low").asDouble() != stat.path("high").asDouble()) {
        return mean + " ±" + number(api((stat.path("high").asDouble() - stat.path("low").asDouble()) / 2));
      }
      return mean;
    }

    static String number(JsonNode v) {
      if (!v.isNumber()) {
        return "-";
      }
      double d = v.asDouble();
      return d != 0 && (Math.abs(d) < 0.001 || Math.abs(d) >= 1e6) ? String.format(Locale.ROOT, "%.3e", d)
          : String.format(Locale.ROOT, "%.4g", d);
    }

    static String percent(JsonNode v) {
      return v.isNumber() ? String.format(Locale.ROOT, "%+.1f%%", v.asDouble() * 100) : "-";
    }

    private static JsonNode api(double v) {
      return ApiClient.MAPPER.getNodeFactory().numberNode(v);
    }
  }
}
