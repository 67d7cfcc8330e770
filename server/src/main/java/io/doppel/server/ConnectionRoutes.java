package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Connection;
import io.doppel.ingest.Presence;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Connection state of the twins that devices and connectors feed: {@code GET /digitaltwins/{id}/connection} for one
 * twin, {@code GET /connections[?online=true|false]} for all that have a source.
 */
final class ConnectionRoutes {
  private final TwinEngine engine;
  private final Presence presence;

  ConnectionRoutes(TwinEngine engine, Presence presence) {
    this.engine = engine;
    this.presence = presence;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins/{id}/connection", this::one)
        .get("/connections", this::all);
  }

  private void one(Context ctx) {
    String id = ctx.pathParam("id");
    engine.modelOf(id); // 404 TWIN_NOT_FOUND for a twin that does not exist
    Optional<Connection> state = presence.state(id);
    ObjectNode body = state.map(ConnectionRoutes::json).orElseGet(() -> Json.MAPPER.createObjectNode()
        .put("twinId", id).put("online", false).putNull("source").putNull("lastHeard").putNull("since"));
    Json.respond(ctx, 200, body.put("offlineAfter", presence.timeout().toString()));
  }

  private void all(Context ctx) {
    String online = ctx.queryParam("online");
    if (online != null && !online.equals("true") && !online.equals("false")) {
      throw Requests.invalid("online", "online must be true or false, not '" + online + "'");
    }
    ObjectNode body = Json.MAPPER.createObjectNode().put("offlineAfter", presence.timeout().toString())
        .put("online", presence.onlineCount());
    ArrayNode value = body.putArray("value");
    for (Connection c : presence.all("true".equals(online))) {
      if (!"false".equals(online) || !c.online()) {
        value.add(json(c));
      }
    }
    Json.respond(ctx, 200, body);
  }

  private static ObjectNode json(Connection c) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("twinId", c.twinId()).put("online", c.online());
    node.putObject("source").put("channel", c.source().channel()).put("source", c.source().source());
    return node.put("lastHeard", c.lastHeard().toString()).put("since", c.since().toString());
  }
}
