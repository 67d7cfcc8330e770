package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel twins ...}: digital twins on a server. */
@Command(name = "twins", mixinStandardHelpOptions = true, description = "Get, put, patch, delete, list twins.",
    subcommands = {TwinsCommand.Get.class, TwinsCommand.Put.class, TwinsCommand.Patch.class,
        TwinsCommand.Delete.class, TwinsCommand.ListTwins.class, TwinsCommand.Changes.class,
        TwinAnomaliesCommand.class, TwinsCommand.Forecast.class})
final class TwinsCommand {

  static String path(String id) {
    return "/digitaltwins/" + ApiClient.segment(id);
  }

  /** The headers of a conditional put: only over this ETag ({@code --if-match}), or only a new one. */
  static String[] conditions(String ifMatch, boolean createOnly) {
    List<String> headers = new ArrayList<>();
    if (ifMatch != null) {
      headers.addAll(List.of("If-Match", ifMatch));
    }
    if (createOnly) {
      headers.addAll(List.of("If-None-Match", "*"));
    }
    return headers.toArray(String[]::new);
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a twin.")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;
    @Option(names = "--as-of", paramLabel = "<time>",
        description = "Show the twin as it was at this ISO time, from the change history.")
    String asOf;

    @Override
    public void run() {
      show(path(id) + (asOf == null ? "" : "?asOf=" + ApiClient.segment(asOf.strip())));
    }
  }

  @Command(name = "forecast", mixinStandardHelpOptions = true,
      description = "Forecast one of the twin's recorded series, with 80%% and 95%% intervals, the model and why; "
          + "with --threshold, when it crosses that value.")
  static final class Forecast extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;
    @Option(names = "--name", required = true, paramLabel = "<name>", description = "Property or telemetry name.")
    String name;
    @Option(names = "--horizon", required = true, paramLabel = "<steps|duration>",
        description = "How far ahead: a number of steps or a duration such as PT24H.")
    String horizon;
    @Option(names = "--interval", paramLabel = "<duration>",
        description = "Step of the series, e.g. PT1H (default: the median spacing of the last day's points).")
    String interval;
    @Option(names = "--threshold", paramLabel = "<value>", description = "Say when the forecast crosses this value.")
    String threshold;

    @Override
    public void run() {
      StringBuilder query = new StringBuilder(path(id)).append("/forecast?name=").append(ApiClient.segment(name))
          .append("&horizon=").append(ApiClient.segment(horizon.strip()));
      if (interval != null) {
        query.append("&interval=").append(ApiClient.segment(interval.strip()));
      }
      if (threshold != null) {
        query.append("&threshold=").append(ApiClient.segment(threshold.strip()));
      }
      show(query.toString());
    }
  }

  @Command(name = "changes", mixinStandardHelpOptions = true,
      description = "Print a twin's change history (its own changes and its outgoing relationships'), oldest first.")
  static final class Changes extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;
    @Option(names = "--from", paramLabel = "<time>", description = "Start (inclusive), an ISO time. Default: all.")
    String from;
    @Option(names = "--to", paramLabel = "<time>", description = "End (exclusive), an ISO time. Default: now on.")
    String to;

    @Override
    public void run() {
      StringBuilder query = new StringBuilder("?maxItems=1000");
      if (from != null) {
        query.append("&from=").append(ApiClient.segment(from.strip()));
      }
      if (to != null) {
        query.append("&to=").append(ApiClient.segment(to.strip()));
      }
      showAll(path(id) + "/changes" + query);
    }
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Create or replace a twin.")
  static final class Put extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>") String id;
    @Parameters(index = "1", paramLabel = "<body>", description = "Twin JSON: a file, '-' for stdin, or inline.")
    String body;
    @Option(names = "--if-match", description = "Only replace when the twin has this ETag.") String ifMatch;
    @Option(names = "--create-only", description = "Fail when the twin already exists (If-None-Match: *).")
    boolean createOnly;

    @Override
    public void run() {
      JsonNode twin = Bodies.read(body, System.in);
      print(api().put(path(id), twin, conditions(ifMatch, createOnly)));
    }
  }

  @Command(name = "patch", mixinStandardHelpOptions = true, description = "Apply a JSON Patch (RFC 6902).")
  static final class Patch extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>") String id;
    @Parameters(index = "1", paramLabel = "<patch>", description = "JSON Patch: a file, '-' for stdin, or inline.")
    String patch;
    @Option(names = "--component", description = "Patch this component instead of the twin.") String component;
    @Option(names = "--if-match", description = "Only patch when the twin has this ETag.") String ifMatch;

    @Override
    public void run() {
      String target = component == null ? path(id) : path(id) + "/components/" + ApiClient.segment(component);
      api().patch(target, Bodies.read(patch, System.in), ifMatch);
      show(path(id));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a twin (it must have no relationships).")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;
    @Option(names = "--if-match", description = "Only delete when the twin has this ETag.") String ifMatch;

    @Override
    public void run() {
      api().delete(path(id), ifMatch);
      out().println("deleted " + id);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every twin (all pages).")
  static final class ListTwins extends ClientCommand {
    @Override
    public void run() {
      showAll("/digitaltwins");
    }
  }
}
