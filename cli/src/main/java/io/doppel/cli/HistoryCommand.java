package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doppel history <twinId> [<name>]}: one series' points in a range (every page of them), downsampled with
 * {@code --bucket}, or without a name the latest value of each of the twin's series.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Print a twin's recorded values: one property or telemetry over time, or the latest of each.")
final class HistoryCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Parameters(index = "0", paramLabel = "<twinId>") String twinId;
  @Parameters(index = "1", arity = "0..1", paramLabel = "<name>",
      description = "Property or telemetry, e.g. temperature or thermostat/setPoint; omit for the latest values.")
  String name;
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
    ApiClient api = new ApiClient(client);
    String base = TwinsCommand.path(twinId) + "/history";
    if (name == null) {
      api.print(spec.commandLine().getOut(), api.get(base + "/latest"));
      return;
    }
    Instant end = to == null ? Instant.now() : instant(to, "--to");
    Instant start = from.strip().startsWith("P") ? end.minus(duration(from)) : instant(from, "--from");
    StringBuilder path = new StringBuilder(base).append("?name=").append(ApiClient.segment(name))
        .append("&from=").append(ApiClient.segment(start.toString()))
        .append("&to=").append(ApiClient.segment(end.toString()));
    if (bucket != null) {
      path.append("&bucket=").append(ApiClient.segment(bucket));
    }
    if (agg != null) {
      path.append("&agg=").append(ApiClient.segment(agg));
    }
    api.print(spec.commandLine().getOut(), allPages(api, path.toString()));
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
