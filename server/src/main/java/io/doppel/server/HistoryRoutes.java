package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.Aggregation;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.history.RawPage;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Telemetry ingest as Azure Digital Twins' {@code sendTelemetry} (204 once the values are durable) and the history
 * reads: {@code GET /digitaltwins/{id}/history} for one series' raw points or buckets, {@code .../history/latest}.
 */
final class HistoryRoutes {
  /** Finishes asynchronous responses off the history's writer thread, a virtual thread each. */
  private static final Executor REPLIES = task -> Thread.ofVirtual().start(task);
  private static final int DEFAULT_MAX_POINTS = 10_000;
  private static final int MAX_MESSAGE_ID = 256;

  private final HistoryService history;
  private final long maxBody;

  HistoryRoutes(HistoryService history, long maxBody) {
    this.history = history;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.post("/digitaltwins/{id}/telemetry", ctx -> telemetry(ctx, null))
        .post("/digitaltwins/{id}/components/{component}/telemetry", ctx -> telemetry(ctx, ctx.pathParam("component")))
        .get("/digitaltwins/{id}/history", this::read)
        .get("/digitaltwins/{id}/history/latest", this::latest);
  }

  private void telemetry(Context ctx, @Nullable String component) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    String messageId = messageId(ctx.header("Message-Id"));
    String sourceText = ctx.header("Telemetry-Source-Time");
    Instant sourceTime = sourceText == null || sourceText.isBlank() ? null
        : instant(sourceText, "Telemetry-Source-Time");
    CompletableFuture<Void> durable =
        history.recordTelemetry(ctx.pathParam("id"), component, body, sourceTime, messageId);
    ctx.future(() -> durable.thenRunAsync(() -> ctx.status(204), REPLIES));
  }

  private void read(Context ctx) {
    String id = ctx.pathParam("id");
    String name = required(ctx, "name");
    Visibility.requireSeries(ctx, id, name);
    Instant from = instant(required(ctx, "from"), "from");
    Instant to = instant(required(ctx, "to"), "to");
    String bucketText = ctx.queryParam("bucket");
    String aggText = ctx.queryParam("agg");
    ExportFormat format = ExportFormat.of(ctx, ExportFormat.JSON);
    if (format != ExportFormat.JSON) {
      // CSV and JSON lines are exports: not paged, the whole range streams (see HistoryExport)
      Duration bucket = HistoryExportRoutes.bucket(bucketText);
      HistoryExport.write(ctx, history, id, List.of(name), from, to, bucket,
          HistoryExportRoutes.aggregation(ctx, bucket), format, false);
      return;
    }
    ObjectNode out = Json.MAPPER.createObjectNode().put("name", name);
    if (bucketText == null || bucketText.isBlank()) {
      if (aggText != null && !aggText.isBlank()) {
        throw Requests.invalid("agg", "an aggregation needs a bucket (e.g. bucket=PT1M)");
      }
      RawPage page = history.range(id, name, from, to, maxPoints(ctx));
      points(out.putArray("points"), page.points(), false, PersonalPoints.of(ctx, id), name);
      Instant next = page.next();
      if (next != null) {
        out.put("nextLink", nextLink(ctx, next));
      }
    } else {
      Duration bucket = duration(bucketText);
      Aggregation agg = aggText == null || aggText.isBlank() ? Aggregation.AVG : Aggregation.parse(aggText, "agg");
      out.put("bucket", bucket.toString()).put("agg", agg.label());
      points(out.putArray("points"), history.downsample(id, name, from, to, bucket, agg), agg == Aggregation.COUNT,
          PersonalPoints.of(ctx, id), name);
    }
    Json.respond(ctx, 200, out);
  }

  private void latest(Context ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    PersonalPoints personal = PersonalPoints.of(ctx, ctx.pathParam("id"));
    for (Map.Entry<String, Point> e : history.latest(ctx.pathParam("id")).entrySet()) {
      if (!Visibility.showsSeries(ctx, ctx.pathParam("id"), e.getKey())) {
        continue;
      }
      ObjectNode point = value.addObject().put("name", e.getKey()).put("t", e.getValue().instant().toString());
      putValue(point, e.getValue(), false, personal.pseudonym(e.getKey(), e.getValue(), false));
    }
    Json.respond(ctx, 200, out);
  }

  private static void points(ArrayNode array, List<Point> points, boolean counts, PersonalPoints personal,
      String series) {
    for (Point p : points) {
      putValue(array.addObject().put("t", p.instant().toString()), p, counts, personal.pseudonym(series, p, counts));
    }
  }

  /** {@code "v"}: the pseudonym when there is one, a text as a string, a count as an integer, else the number. */
  private static void putValue(ObjectNode point, Point p, boolean counts, @Nullable String pseudonym) {
    if (pseudonym != null) {
      point.put("v", pseudonym);
    } else if (p.isText()) {
      point.put("v", p.text());
    } else if (counts) {
      point.put("v", (long) p.value());
    } else {
      point.put("v", p.value());
    }
  }

  /** The same request from {@code next} on: {@code from} is inclusive, so no point is repeated or skipped. */
  private static String nextLink(Context ctx, Instant next) {
    StringBuilder url = new StringBuilder(ctx.scheme()).append("://").append(ctx.host()).append(ctx.path())
        .append('?');
    ctx.queryParamMap().forEach((key, values) -> {
      if (!key.equals("from")) {
        values.forEach(v -> url.append(encode(key)).append('=').append(encode(v)).append('&'));
      }
    });
    return url.append("from=").append(encode(next.toString())).toString();
  }

  private static int maxPoints(Context ctx) {
    String text = ctx.queryParam("maxPoints");
    if (text == null || text.isBlank()) {
      return DEFAULT_MAX_POINTS;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n < 1 || n > HistoryService.MAX_POINTS) {
        throw Requests.invalid("maxPoints", "must be between 1 and " + HistoryService.MAX_POINTS + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw Requests.invalid("maxPoints", "not an integer: '" + text + "'");
    }
  }

  private static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw Requests.invalid(name, "required");
    }
    return value.trim();
  }

  /** An ISO-8601 instant, {@code 2026-12-01T08:00:00Z} or with an offset ({@code +01:00}). */
  static Instant instant(String text, String target) {
    String trimmed = text.trim();
    try {
      return Instant.parse(trimmed);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(trimmed).toInstant();
      } catch (DateTimeParseException again) {
        throw Requests.invalid(target, "not an ISO-8601 time such as 2026-12-01T08:00:00Z: '" + text + "'");
      }
    }
  }

  private static Duration duration(String text) {
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

  private static @Nullable String messageId(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    if (header.length() > MAX_MESSAGE_ID) {
      throw Requests.invalid("Message-Id", "at most " + MAX_MESSAGE_ID + " characters, got " + header.length());
    }
    return header.trim();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
