package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.Aggregation;
import io.doppel.history.HistoryService;
import io.doppel.history.ModelUsage;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The history's export and housekeeping: {@code GET /digitaltwins/{id}/history/export} streams several series (or
 * all) of a twin as CSV or JSON lines; {@code GET /history/usage} is the disk use per model; {@code /history/retention}
 * reads and replaces the retention rules, and {@code POST /history/retention/sweep} applies them now.
 */
final class HistoryExportRoutes {
  private final HistoryService history;
  private final long maxBody;

  HistoryExportRoutes(HistoryService history, long maxBody) {
    this.history = history;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins/{id}/history/export", this::export)
        .get("/history/usage", this::usage)
        .get("/history/retention", this::retention)
        .put("/history/retention", this::setRetention)
        .post("/history/retention/sweep", this::sweep);
  }

  private void export(Context ctx) {
    Instant from = HistoryRoutes.instant(required(ctx, "from"), "from");
    Instant to = HistoryRoutes.instant(required(ctx, "to"), "to");
    List<String> names = ctx.queryParams("name").stream().map(String::trim).toList();
    if (names.stream().anyMatch(String::isEmpty)) {
      throw Requests.invalid("name", "an empty name; give each series as name=<name>, or none for all");
    }
    String id = ctx.pathParam("id");
    names.forEach(name -> Visibility.requireSeries(ctx, id, name));
    if (names.isEmpty() && !io.doppel.server.auth.AccessGuard.access(ctx).everything()) {
      // "all series" for a caller who may not see all: the ones they may, by name
      names = history.latest(id).keySet().stream().filter(n -> Visibility.showsSeries(ctx, id, n)).sorted().toList();
      if (names.isEmpty()) {
        throw io.doppel.server.auth.AuthFailure.forbidden("no series of " + id + " is visible to the caller");
      }
    }
    Duration bucket = bucket(ctx.queryParam("bucket"));
    Aggregation agg = aggregation(ctx, bucket);
    ExportFormat format = ExportFormat.of(ctx, ExportFormat.CSV);
    HistoryExport.write(ctx, history, ctx.pathParam("id"), names, from, to, bucket, agg,
        format == ExportFormat.CSV ? ExportFormat.CSV : ExportFormat.JSONL, true);
  }

  private void usage(Context ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    long series = 0;
    long points = 0;
    long bytes = 0;
    for (ModelUsage u : history.usage()) {
      ObjectNode model = value.addObject().put("model", u.model()).put("series", u.series())
          .put("points", u.points()).put("bytes", u.bytes());
      if (u.oldest() == null) {
        model.putNull("oldest");
      } else {
        model.put("oldest", u.oldest().toString());
      }
      series += u.series();
      points += u.points();
      bytes += u.bytes();
    }
    out.putObject("total").put("series", series).put("points", points).put("bytes", bytes);
    Json.respond(ctx, 200, out);
  }

  private void retention(Context ctx) {
    Json.respond(ctx, 200, RetentionJson.write(history.retention()));
  }

  private void setRetention(Context ctx) {
    io.doppel.history.Retention rules = RetentionJson.read(Json.readObject(ctx, maxBody));
    Requests.await(history.setRetention(rules));
    Json.respond(ctx, 200, RetentionJson.write(history.retention()));
  }

  private void sweep(Context ctx) {
    int touched = Requests.await(history.sweep());
    Json.respond(ctx, 200, Json.MAPPER.createObjectNode().put("seriesSwept", touched));
  }

  /** {@code agg} needs a {@code bucket}; with one it defaults to {@code avg}. */
  static @Nullable Aggregation aggregation(Context ctx, @Nullable Duration bucket) {
    String text = ctx.queryParam("agg");
    boolean given = text != null && !text.isBlank();
    if (bucket == null) {
      if (given) {
        throw Requests.invalid("agg", "an aggregation needs a bucket (e.g. bucket=PT1M)");
      }
      return null;
    }
    return given ? Aggregation.parse(text, "agg") : Aggregation.AVG;
  }

  static @Nullable Duration bucket(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Duration bucket = Duration.parse(text.trim());
      if (bucket.isNegative() || bucket.toMillis() < 1) {
        throw Requests.invalid("bucket", "must be at least 1 ms, got '" + text + "'");
      }
      return bucket;
    } catch (DateTimeParseException e) {
      throw Requests.invalid("bucket", "not an ISO-8601 duration such as PT1M or PT1H (no months or years): '"
          + text + "'");
    }
  }

  private static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw Requests.invalid(name, "required");
    }
    return value.trim();
  }
}
