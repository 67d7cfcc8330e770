package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.query.QueryPage;
import io.doppel.query.QueryService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query's every row, page after page on the query's own snapshot, as CSV or JSON lines, streamed. CSV flattens a
 * row: nested objects become dotted columns ({@code hvac.mode}, {@code $metadata.$model}), arrays a JSON text in one
 * cell, a property a row lacks an empty cell. The columns are those of the first {@value #COLUMN_ROWS} rows (a
 * projection's names, in their order): a column that only later rows have is not in the CSV (JSON lines carry
 * every row whole).
 */
final class QueryExport {
  static final int COLUMN_ROWS = 10_000;

  private QueryExport() {}

  static void write(Context ctx, QueryService queries, String query, ExportFormat format) {
    // The first pages run before any output, so that a bad query is a 400, not a cut-short body.
    List<JsonNode> head = new ArrayList<>();
    QueryPage page = queries.run(query, null, Requests.MAX_PAGE_SIZE);
    head.addAll(page.value());
    String token = page.continuationToken();
    while (token != null && head.size() < COLUMN_ROWS && format == ExportFormat.CSV) {
      page = queries.run(null, token, Requests.MAX_PAGE_SIZE);
      head.addAll(page.value());
      token = page.continuationToken();
    }
    String rest = token;
    if (format == ExportFormat.CSV) {
      Set<String> columns = new LinkedHashSet<>();
      List<Map<String, String>> flat = new ArrayList<>(head.size());
      for (JsonNode row : head) {
        Map<String, String> cells = flatten(row);
        columns.addAll(cells.keySet());
        flat.add(cells);
      }
      List<String> header = List.copyOf(columns);
      StreamedBody.write(ctx, Csv.MEDIA_TYPE, out -> {
        Csv.record(out, header);
        for (Map<String, String> cells : flat) {
          row(out, header, cells);
        }
        flat.clear();
        remaining(queries, rest, row -> row(out, header, flatten(row)));
      });
      return;
    }
    StreamedBody.write(ctx, ExportFormat.JSONL_MEDIA_TYPE, out -> {
      for (JsonNode row : head) {
        line(out, row);
      }
      head.clear();
      remaining(queries, rest, row -> line(out, row));
    });
  }

  @FunctionalInterface
  private interface RowSink {
    void row(JsonNode row) throws IOException;
  }

  private static void remaining(QueryService queries, @Nullable String token, RowSink sink) throws IOException {
    String next = token;
    while (next != null) {
      QueryPage page = queries.run(null, next, Requests.MAX_PAGE_SIZE);
      for (JsonNode row : page.value()) {
        sink.row(row);
      }
      next = page.continuationToken();
    }
  }

  private static void line(Writer out, JsonNode row) throws IOException {
    out.write(Json.MAPPER.writeValueAsString(row));
    out.write('\n');
  }

  private static void row(Writer out, List<String> header, Map<String, String> cells) throws IOException {
    List<String> fields = new ArrayList<>(header.size());
    for (String column : header) {
      fields.add(cells.getOrDefault(column, ""));
    }
    Csv.record(out, fields);
  }

  /** A row as column → cell text, nested objects as dotted columns. */
  static Map<String, String> flatten(JsonNode row) {
    Map<String, String> cells = new LinkedHashMap<>();
    if (row.isObject()) {
      flatten(row, "", cells);
    } else {
      cells.put("value", cell(row));
    }
    return cells;
  }

  private static void flatten(JsonNode object, String prefix, Map<String, String> cells) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String column = prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey();
      JsonNode value = member.getValue();
      if (value.isObject() && !value.isEmpty()) {
        flatten(value, column, cells);
      } else {
        cells.put(column, cell(value));
      }
    }
  }

  private static String cell(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return value.toString(); // an array or an empty object, as JSON
  }
}
