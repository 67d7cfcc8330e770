package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.QueryPage;
import io.doppel.query.QueryService;
import io.doppel.query.impact.Direction;
import io.doppel.query.syntax.Parser;
import io.doppel.server.auth.AccessGuard;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * ADT's Query operation ({@code POST /query} with {@code {"query", "continuationToken"}}), its plan, and the impact
 * question ADT users otherwise answer by hand with chains of JOINs.
 */
final class QueryRoutes {
  private static final int DEFAULT_IMPACT_DEPTH = 3;

  private final QueryService queries;
  private final long maxBody;

  QueryRoutes(QueryService queries, long maxBody) {
    this.queries = queries;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.post("/query", scoped(this::query))
        .get("/query", scoped(this::queryByUrl))
        .post("/query/explain", scoped(this::explain))
        .get("/digitaltwins/{id}/impact", scoped(this::impact));
  }

  /** Runs the handler with the query engine's snapshots filtered to what the caller may read. */
  private static io.javalin.http.Handler scoped(io.javalin.http.Handler handler) {
    return ctx -> io.doppel.server.auth.QueryScope.run(AccessGuard.access(ctx), () -> handler.handle(ctx));
  }

  private void query(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    String token = token(body);
    // ADT's clients send only the continuation token for the pages after the first: the token carries the text
    String query = token != null && body.get("query") == null ? null : withAsOf(queryText(body), body);
    ExportFormat format = ExportFormat.of(ctx, ExportFormat.JSON);
    if (format != ExportFormat.JSON && query != null && token == null) {
      QueryExport.write(ctx, queries, query, format); // every row, streamed
      return;
    }
    // The rows need no second look: the query ran on the caller's view of its snapshot (QueryScope), where each
    // twin and relationship was already filtered by the policies that apply to it.
    QueryPage page = queries.run(query, token, Requests.pageSize(ctx), caller(ctx));
    Json.respond(ctx, 200, page.toJson());
  }

  /** {@code GET /query?query=...}: the same for links and spreadsheets that can only fetch a URL. */
  private void queryByUrl(Context ctx) {
    String token = Requests.continuation(ctx);
    String query = ctx.queryParam("query");
    if ((query == null || query.isBlank()) && token == null) {
      throw Requests.invalid("query", "required: the query text, URL-encoded");
    }
    ExportFormat format = ExportFormat.of(ctx, ExportFormat.JSON);
    if (format != ExportFormat.JSON && token == null) {
      QueryExport.write(ctx, queries, query, format);
      return;
    }
    QueryPage page = queries.run(query == null || query.isBlank() ? null : query, token, Requests.pageSize(ctx),
        caller(ctx));
    Json.respond(ctx, 200, page.toJson());
  }

  /**
   * Whom a continuation token is issued to: the principal in the tenant it works in. Its later pages run on the
   * snapshot its first page opened, i.e. that caller's view (policies and personal data), so no one else may use it.
   */
  private static String caller(Context ctx) {
    return AccessGuard.tenant(ctx) + "\0" + AccessGuard.access(ctx).principal().id();
  }

  private void explain(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    Json.respond(ctx, 200, queries.explain(withAsOf(queryText(body), body)));
  }

  private void impact(Context ctx) {
    Direction direction = direction(ctx.queryParam("direction"));
    Set<String> names = relationshipNames(ctx.queryParam("relationships"));
    int depth = depth(ctx.queryParam("depth"));
    Json.respond(ctx, 200, Visibility.impact(ctx, queries.impact(ctx.pathParam("id"), direction, names, depth)
        .toJson()));
  }

  private static String queryText(ObjectNode body) {
    JsonNode query = body.get("query");
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      throw new DoppelException(ErrorCode.INVALID_JSON, "the body must carry the query text in \"query\"",
          List.of(new DoppelException.Detail("missingQuery", "/query", "expected a non-empty string")));
    }
    return query.asText();
  }

  /**
   * {@code "asOf"} in the body is the query's own {@code AS OF} clause, appended to the text: the continuation
   * token carries the text, so the pages after the first stay at that time without the client sending it again.
   */
  private static String withAsOf(String query, ObjectNode body) {
    JsonNode asOf = body.get("asOf");
    if (asOf == null || asOf.isNull()) {
      return query;
    }
    if (!asOf.isTextual()) {
      throw Requests.invalid("asOf", "expected an ISO-8601 time as a string, e.g. \"2026-01-01T00:00:00Z\"");
    }
    java.time.Instant time = HistoryRoutes.instant(asOf.asText(), "asOf");
    if (Parser.parse(query).asOf() != null) {
      throw Requests.invalid("asOf", "the query already ends with an AS OF clause; give the time once");
    }
    return query + " AS OF '" + time + "'";
  }

  private static @Nullable String token(ObjectNode body) {
    JsonNode token = body.get("continuationToken");
    if (token == null || token.isNull()) {
      return null;
    }
    if (!token.isTextual()) {
      throw new DoppelException(ErrorCode.INVALID_JSON, "continuationToken must be a string",
          List.of(new DoppelException.Detail("invalidContinuation", "/continuationToken", "expected a string")));
    }
    return token.asText().isEmpty() ? null : token.asText();
  }

  private static Direction direction(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Direction.DOWNSTREAM;
    }
    try {
      return Direction.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Requests.invalid("direction", "must be upstream or downstream, got '" + text + "'");
    }
  }

  private static Set<String> relationshipNames(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  private static int depth(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_IMPACT_DEPTH;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw Requests.invalid("depth", "not an integer: '" + text + "'");
    }
  }
}
