package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.connector.ConnectorRegistry;
import io.javalin.http.Context;

/**
 * {@code /connectors}: connectors configured at runtime (Kafka consumers, MQTT bridges) next to the fixed ones,
 * each with its status: define or redefine ({@code PUT}), list, read, pause, resume, delete.
 */
final class ConnectorRoutes {
  private final ConnectorRegistry connectors;
  private final long maxBody;

  ConnectorRoutes(ConnectorRegistry connectors, long maxBody) {
    this.connectors = connectors;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/connectors", this::list)
        .get("/connectors/{id}", ctx -> Json.respond(ctx, 200, IngestJson.connector(connectors.get(ctx.pathParam("id")))))
        .put("/connectors/{id}", this::put)
        .delete("/connectors/{id}", this::delete)
        .post("/connectors/{id}:pause", ctx -> Json.respond(ctx, 200,
            IngestJson.connector(connectors.pause(ctx.pathParam("id")))))
        .post("/connectors/{id}:resume", ctx -> Json.respond(ctx, 200,
            IngestJson.connector(connectors.resume(ctx.pathParam("id")))));
  }

  private void put(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode config = Json.readObject(ctx, maxBody);
    boolean created = connectors.put(id, config);
    Json.respond(ctx, created ? 201 : 200, IngestJson.connector(connectors.get(id)));
  }

  private void list(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    connectors.list().forEach(v -> value.add(IngestJson.connector(v)));
    Json.respond(ctx, 200, body);
  }

  private void delete(Context ctx) {
    connectors.delete(ctx.pathParam("id"));
    ctx.status(204);
  }
}
