package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.ChangePage;
import io.doppel.history.HistoryService;
import io.doppel.history.spi.ChangeRecord;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A twin's change history, {@code GET /digitaltwins/{id}/changes}: its own changes and its outgoing relationships',
 * oldest first, each with its version, time, kind, origin and patch or resulting document, paged as ADT pages.
 */
final class ChangesRoutes {
  private static final int DEFAULT_MAX_ITEMS = 100;

  private final HistoryService history;

  ChangesRoutes(HistoryService history) {
    this.history = history;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins/{id}/changes", this::changes);
  }

  private void changes(Context ctx) {
    Instant from = time(ctx, "from", Instant.EPOCH);
    Instant to = time(ctx, "to", Instant.parse("9999-12-31T23:59:59Z"));
    int maxItems = maxItems(ctx);
    ChangePage page = history.changes(ctx.pathParam("id"), from, to, Requests.continuation(ctx), maxItems);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    io.doppel.server.auth.Access access = io.doppel.server.auth.AccessGuard.access(ctx);
    page.changes().forEach(c -> {
      ObjectNode seen = Visibility.change(access, ctx.pathParam("id"), json(c));
      if (seen != null) {
        value.add(seen);
      }
    });
    Map<String, String> keep = new java.util.LinkedHashMap<>();
    for (String name : new String[] {"from", "to", "maxItems"}) {
      String v = ctx.queryParam(name);
      if (v != null) {
        keep.put(name, v);
      }
    }
    String next = Requests.nextLink(ctx, page.continuation(), keep);
    if (next != null) {
      body.put("nextLink", next);
    }
    Json.respond(ctx, 200, body);
  }

  static ObjectNode json(ChangeRecord c) {
    ObjectNode o = Json.MAPPER.createObjectNode()
        .put("version", c.version())
        .put("time", Instant.ofEpochMilli(c.time()).toString())
        .put("kind", c.kind().label());
    o.putObject("origin").put("channel", c.origin().channel()).put("source", c.origin().source());
    if (c.kind().isRelationship()) {
      o.put("relationshipId", c.relationshipId()).put("targetId", c.targetId())
          .put("relationshipName", c.relationshipName());
    }
    if (c.patch() != null) {
      o.set("patch", c.patch());
    }
    if (c.document() != null) {
      o.set(c.kind().isRelationship() ? "relationship" : "twin", c.document());
    }
    return o;
  }

  private static Instant time(Context ctx, String name, Instant absent) {
    String text = ctx.queryParam(name);
    return text == null || text.isBlank() ? absent : HistoryRoutes.instant(text, name);
  }

  private static int maxItems(Context ctx) {
    String text = ctx.queryParam("maxItems");
    if (text == null || text.isBlank()) {
      return DEFAULT_MAX_ITEMS;
    }
    try {
      return Integer.parseInt(text.trim()); // the range is checked with the rest of the request
    } catch (NumberFormatException e) {
      throw Requests.invalid("maxItems", "not an integer: '" + text + "'");
    }
  }

  /** The {@code asOf} parameter of reads that can look at the past, or null for now. */
  static @Nullable Instant asOf(Context ctx) {
    String text = ctx.queryParam("asOf");
    return text == null ? null : HistoryRoutes.instant(text, "asOf");
  }
}
