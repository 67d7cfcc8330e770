package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code doppel history <twinId> [<name>...]}: one series' points in a range (every page of them), downsampled with
 * {@code --bucket}, or without a name the latest value of each of the twin's series; as CSV with
 * {@code --format csv}, several series (or {@code --all}) as one export, into {@code --output}. Subcommands:
 * {@code usage}, {@code retention}.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    subcommands = {HistoryUsageCommand.class, HistoryRetentionCommand.class},
    description = "Print a twin's recorded values: one property or telemetry over time, or the latest of each; "
        + "export series as CSV or JSON lines.")
final class HistoryCommand extends ClientCommand {
  // Optional to picocli only, so that "history usage" reaches its subcommand; run() requires it.
  @Parameters(index = "0", arity = "0..1", paramLabel = "<twinId>") String twinId;
  @Parameters(index = "1..*", arity = "0..*", paramLabel = "<name>",
      description = "Property or telemetry, e.g. temperature or thermostat/setPoint; several export together; "
          + "omit for the latest values.")
  java.util.List<String> names;
  @Option(names = "--all", description = "Export every series of the twin over the range.")
  boolean all;
  @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json",
      description = "json (one document; JSON lines when exporting several series) or csv. Default: ${DEFAULT-VALUE}.")
  String format;
  @Option(names = "--output", paramLabel = "<file>", description = "Write to this file instead of standard output.")
  java.nio.file.Path output;
  @Option(names = "--from", paramLabel = "<time|duration>", defaultValue = "PT1H",
      description = "Start (inclusive): an ISO time, or a duration before --to such as PT15M. Default: ${DEFAULT-VALUE}.")
  String from;
  @Option(names = "--to", paramLabel = "<time>", description = "End (exclusive), an ISO time. Default: now.")
  String to;
  @Option(names = "--bucket", paramLabel = "<duration>", description = "Downsample into buckets, e.g. PT1M.")
  String bucket;
  @Option(names = "--agg", paramLabel = "avg|min|max|first|last|count",
      description = "How a bucket becomes one value (default avg).")
  String agg;

  @Override
  public void run() {
    boolean csv = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "csv" -> true;
      case "json" -> false;
      default -> throw new CliFailure(CliFailure.BAD_INPUT, "--format must be json or csv, got '" + format + "'");
    };
    if (twinId == null) {
      throw new CliFailure(CliFailure.BAD_INPUT, "a twin id is required (or a subcommand: usage, retention)");
    }
    ApiClient api = api();
    String base = TwinsCommand.path(twinId) + "/history";
    java.util.List<String> wanted = names == null ? java.util.List.of() : names;
    if (wanted.isEmpty() && !all) {
      JsonNode latest = api.get(base + "/latest");
      OutputTarget.write(output, out(), out -> print(api, out, latest));
      return;
    }
    Instant end = to == null ? Instant.now() : instant(to, "--to");
    Instant start = from.strip().startsWith("P") ? end.minus(duration(from)) : instant(from, "--from");
    StringBuilder range = new StringBuilder("from=").append(ApiClient.segment(start.toString()))
        .append("&to=").append(ApiClient.segment(end.toString()));
    if (bucket != null) {
      range.append("&bucket=").append(ApiClient.segment(bucket));
    }
    if (agg != null) {
      range.append("&agg=").append(ApiClient.segment(agg));
    }
    if (all || wanted.size() > 1) {
      StringBuilder path = new StringBuilder(base).append("/export?").append(range);
      wanted.forEach(n -> path.append("&name=").append(ApiClient.segment(n)));
      path.append("&format=").append(csv ? "csv" : "jsonl");
      OutputTarget.write(output, out(),
          out -> api.download("GET", path.toString(), null, csv ? "text/csv" : "application/x-ndjson", out));
      return;
    }
    String path = base + "?name=" + ApiClient.segment(wanted.get(0)) + "&" + range;
    if (csv) {
      OutputTarget.write(output, out(),
          out -> api.download("GET", path + "&format=csv", null, "text/csv", out));
      return;
    }
    JsonNode points = allPages(api, path);
    OutputTarget.write(output, out(), out -> print(api, out, points));
  }

  private static void print(ApiClient api, java.io.Writer out, JsonNode node) {
    java.io.PrintWriter printer = out instanceof java.io.PrintWriter p ? p : new java.io.PrintWriter(out);
    api.print(printer, node);
    printer.flush();
  }

  /** Raw reads come a page at a time: follow {@code nextLink} and print one document. */
  private static JsonNode allPages(ApiClient api, String first) {
    ObjectNode page = (ObjectNode) api.get(first);
    ArrayNode points = (ArrayNode) page.path("points");
    JsonNode next = page.remove("nextLink");
    while (next != null && next.isTextual()) {
      JsonNode more = api.get(next.asText());
      more.path("points").forEach(points::add);
      next = more.path("nextLink").isTextual() ? more.path("nextLink") : null;
    }
    return page;
  }

  private static Instant instant(String text, String option) {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeParseException again) {
        throw new CliFailure(CliFailure.BAD_INPUT, option + " must be an ISO time such as 2026-12-01T08:00:00Z, got '"
            + text + "'");
      }
    }
  }

  private static Duration duration(String text) {
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--from must be an ISO time or a duration such as PT15M, got '"
          + text + "'");
    }
  }
}
