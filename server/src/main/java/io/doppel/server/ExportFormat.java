package io.doppel.server;

import io.javalin.http.Context;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a read answers: a JSON document (the API's usual shape), CSV, or JSON lines (one JSON object a line). The
 * {@code format} query parameter wins, then the {@code Accept} header ({@code text/csv},
 * {@code application/x-ndjson} or {@code application/jsonl}); else the route's default.
 */
enum ExportFormat {
  JSON, CSV, JSONL;

  static final String JSONL_MEDIA_TYPE = "application/x-ndjson; charset=utf-8";

  static ExportFormat of(Context ctx, ExportFormat fallback) {
    String text = ctx.queryParam("format");
    if (text != null && !text.isBlank()) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "json" -> JSON;
        case "csv" -> CSV;
        case "jsonl", "ndjson" -> JSONL;
        default -> throw Requests.invalid("format", "must be json, csv or jsonl, got '" + text + "'");
      };
    }
    ExportFormat accepted = fromAccept(ctx.header("Accept"));
    return accepted == null ? fallback : accepted;
  }

  private static @Nullable ExportFormat fromAccept(@Nullable String accept) {
    if (accept == null) {
      return null;
    }
    for (String part : accept.split(",")) {
      String type = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      switch (type) {
        case "text/csv" -> {
          return CSV;
        }
        case "application/x-ndjson", "application/jsonl", "application/json-lines" -> {
          return JSONL;
        }
        case "application/json" -> {
          return JSON;
        }
        default -> { }
      }
    }
    return null;
  }
}
