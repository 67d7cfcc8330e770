package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.predict.warning.ActiveWarning;
import io.doppel.predict.warning.WarningMonitor;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.AccessGuard;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Time-to-threshold warnings: definitions at {@code PUT/GET/DELETE /warnings/{name}} and {@code GET /warnings}, the
 * warnings in force at {@code GET /warnings/active} (every twin the caller may read) and
 * {@code GET /digitaltwins/{id}/warnings} (one twin).
 */
final class WarningRoutes {
  private final TwinEngine engine;
  private final WarningMonitor monitor;
  private final long maxBody;

  WarningRoutes(TwinEngine engine, WarningMonitor monitor, long maxBody) {
    this.engine = engine;
    this.monitor = monitor;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    // /warnings/active first: it is not a definition's name (the name is reserved)
    table.get("/warnings", this::list)
        .get("/warnings/active", this::allActive)
        .put("/warnings/{name}", this::define)
        .get("/warnings/{name}", ctx -> Json.respond(ctx, 200, monitor.get(ctx.pathParam("name")).toJson()))
        .delete("/warnings/{name}", this::delete)
        .get("/digitaltwins/{id}/warnings", this::ofTwin);
  }

  private void list(Context ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    monitor.list().forEach(d -> value.add(d.toJson()));
    Json.respond(ctx, 200, out);
  }

  private void define(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    Json.respond(ctx, 200, monitor.define(ctx.pathParam("name"), body).toJson());
  }

  private void delete(Context ctx) {
    monitor.delete(ctx.pathParam("name"));
    ctx.status(204);
  }

  private void allActive(Context ctx) {
    Access access = AccessGuard.access(ctx);
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (ActiveWarning w : monitor.active(null)) {
      // a warning tells where a series is heading: shown only with the series itself
      if (access.everything() || access.reads(w.twinId()) && Visibility.showsSeries(ctx, w.twinId(), w.series())) {
        value.add(json(w));
      }
    }
    Json.respond(ctx, 200, out);
  }

  private void ofTwin(Context ctx) {
    String id = ctx.pathParam("id");
    engine.modelOf(id); // 404 TWIN_NOT_FOUND for an unknown twin
    ObjectNode out = Json.MAPPER.createObjectNode().put("twinId", id);
    ArrayNode value = out.putArray("value");
    for (ActiveWarning w : monitor.active(id)) {
      if (Visibility.showsSeries(ctx, id, w.series())) {
        value.add(json(w));
      }
    }
    Json.respond(ctx, 200, out);
  }

  static ObjectNode json(ActiveWarning w) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("name", w.name()).put("twinId", w.twinId())
        .put("series", w.series()).put("threshold", w.threshold()).put("direction", w.direction())
        .put("state", w.crossed() ? "crossed" : "expected").put("expectedAt", w.expectedAt().toString())
        .put("earliest", w.earliest().toString());
    putTime(out, "latest", w.latest());
    return out.put("level", w.level()).put("computedAt", w.computedAt().toString()).put("lastValue", w.lastValue())
        .put("lastValueAt", w.lastValueAt().toString()).put("model", w.model()).put("text", w.text());
  }

  private static void putTime(ObjectNode node, String field, @Nullable Instant time) {
    if (time == null) {
      node.putNull(field);
    } else {
      node.put(field, time.toString());
    }
  }
}
