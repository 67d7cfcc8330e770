package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.util.List;

/**
 * Property indexes the query planner may use ({@code status}, {@code thermostat.setPoint}). A Doppel extension:
 * ADT decides indexing itself; here the operator declares what is worth indexing, and queries without an index
 * still run, by scanning.
 */
final class IndexRoutes {
  private final TwinEngine engine;

  IndexRoutes(TwinEngine engine) {
    this.engine = engine;
  }

  void addTo(RouteTable table) {
    table.get("/indexes", this::list)
        .put("/indexes/{path}", this::create)
        .delete("/indexes/{path}", this::drop);
  }

  private void list(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    engine.indexes().forEach(path -> value.addObject().put("path", path));
    Json.respond(ctx, 200, body);
  }

  /** Returns once the index is built and used by queries from then on. */
  private void create(Context ctx) {
    String path = ctx.pathParam("path");
    boolean existed = engine.indexes().contains(path);
    engine.createIndex(path);
    Json.respond(ctx, existed ? 200 : 201, Json.MAPPER.createObjectNode().put("path", path));
  }

  private void drop(Context ctx) {
    String path = ctx.pathParam("path");
    if (!engine.dropIndex(path)) {
      throw new DoppelException(ErrorCode.INDEX_NOT_FOUND, "no index on '" + path + "'",
          List.of(new DoppelException.Detail("indexNotFound", path, "GET /indexes lists the indexes")));
    }
    ctx.status(204);
  }
}
