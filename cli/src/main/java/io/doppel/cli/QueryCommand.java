package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code doppel query "SELECT ..."}: runs a query on a server and prints every row, following continuation tokens,
 * or the query's plan with {@code --explain}.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Run a query (Azure Digital Twins query language, plus GROUP BY) and print the rows.")
final class QueryCommand extends ClientCommand {
  @Parameters(paramLabel = "<query>", description = "The query text: inline, a file, or '-' for stdin.")
  String query;
  @Option(names = "--max-items", paramLabel = "<n>", description = "Stop after this many rows (default: all).")
  Integer maxItems;
  @Option(names = "--page-size", paramLabel = "<n>", defaultValue = "100",
      description = "Rows per request (default: ${DEFAULT-VALUE}).")
  int pageSize;
  @Option(names = "--explain", description = "Print the plan (access path and why) and what running it did.")
  boolean explain;
  @Option(names = "--format", paramLabel = "json|csv|jsonl|table", defaultValue = "json",
      description = "json (one array), csv (flattened columns, every row streamed), jsonl (a row a line) or table "
          + "(aligned text). Default: ${DEFAULT-VALUE}.")
  String format;
  @Option(names = "--output", paramLabel = "<file>", description = "Write to this file instead of standard output.")
  java.nio.file.Path output;
  @Option(names = "--as-of", paramLabel = "<time>",
      description = "Run the query over the graph as it was at this ISO time (the same as ending it with AS OF '<time>').")
  String asOf;

  @Override
  public void run() {
    if (maxItems != null && maxItems < 1) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--max-items must be at least 1, got " + maxItems);
    }
    if (pageSize < 1) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--page-size must be at least 1, got " + pageSize);
    }
    String kind = format.strip().toLowerCase(java.util.Locale.ROOT);
    if (!java.util.List.of("json", "csv", "jsonl", "table").contains(kind)) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--format must be json, csv, jsonl or table, got '" + format + "'");
    }
    boolean streamed = kind.equals("csv") || kind.equals("jsonl");
    if (streamed && maxItems != null) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--max-items works with --format json or table; csv and jsonl "
          + "export every row (use TOP(n) in the query)");
    }
    String text = Bodies.readText(query, System.in).strip();
    ApiClient api = api();
    PrintWriter out = out();
    if (explain) {
      api.print(out, api.post("/query/explain", withAsOf(ApiClient.MAPPER.createObjectNode().put("query", text))));
      return;
    }
    if (streamed) {
      ObjectNode body = withAsOf(ApiClient.MAPPER.createObjectNode().put("query", text));
      OutputTarget.write(output, out, target -> api.download("POST", "/query?format=" + kind, body,
          kind.equals("csv") ? "text/csv" : "application/x-ndjson", target));
      return;
    }
    ArrayNode rows = rows(api, text);
    OutputTarget.write(output, out, target -> {
      PrintWriter printer = target instanceof PrintWriter p ? p : new PrintWriter(target);
      if (kind.equals("table")) {
        RowTable.print(printer, rows);
      } else {
        api.print(printer, rows);
      }
      printer.flush();
    });
  }

  private ObjectNode withAsOf(ObjectNode body) {
    return asOf == null ? body : body.put("asOf", asOf.strip());
  }

  private ArrayNode rows(ApiClient api, String text) {
    ArrayNode rows = ApiClient.MAPPER.createArrayNode();
    String token = null;
    do {
      ObjectNode body = withAsOf(ApiClient.MAPPER.createObjectNode().put("query", text));
      if (token != null) {
        body.put("continuationToken", token);
      }
      int wanted = maxItems == null ? pageSize : Math.min(pageSize, maxItems - rows.size());
      JsonNode page = api.post("/query", body, "max-items-per-page", Integer.toString(wanted));
      for (JsonNode row : page.path("value")) {
        if (maxItems != null && rows.size() == maxItems) {
          return rows;
        }
        rows.add(row);
      }
      JsonNode next = page.path("continuationToken");
      token = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
    } while (token != null && (maxItems == null || rows.size() < maxItems));
    return rows;
  }
}
