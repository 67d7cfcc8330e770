package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.routes.EventRoutes;
import io.doppel.stream.routes.RouteJson;
import io.doppel.stream.routes.RouteView;
import io.doppel.stream.spi.ParkedLetter;
import io.javalin.http.Context;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Event routes, shaped like Azure Digital Twins' {@code /eventroutes}: {@code PUT/GET/DELETE /eventroutes/{id}},
 * {@code GET /eventroutes} with each route's delivery status, {@code POST /eventroutes/{id}:pause} and
 * {@code :resume}, and the parked letters under {@code /eventroutes/{id}/letters}.
 */
final class EventRouteRoutes {
  private static final int DEFAULT_LETTERS = 100;
  private static final int MAX_LETTERS = 1000;

  private final EventRoutes routes;
  private final long maxBody;

  EventRouteRoutes(EventRoutes routes, long maxBody) {
    this.routes = routes;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/eventroutes", this::list)
        .put("/eventroutes/{id}", this::put)
        .get("/eventroutes/{id}", ctx -> Json.respond(ctx, 200, RouteJson.write(routes.get(id(ctx)))))
        .delete("/eventroutes/{id}", ctx -> {
          routes.delete(id(ctx));
          ctx.status(204);
        })
        .post("/eventroutes/{id}:pause", ctx -> Json.respond(ctx, 200, RouteJson.write(routes.pause(id(ctx), true))))
        .post("/eventroutes/{id}:resume",
            ctx -> Json.respond(ctx, 200, RouteJson.write(routes.pause(id(ctx), false))))
        .get("/eventroutes/{id}/letters", this::letters)
        .delete("/eventroutes/{id}/letters/{version}", ctx -> {
          routes.deleteLetter(id(ctx), version(ctx));
          ctx.status(204);
        })
        .post("/eventroutes/{id}/letters/{version}:redeliver", ctx -> {
          routes.redeliver(id(ctx), version(ctx));
          ctx.status(202);
        });
  }

  private void list(Context ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (RouteView view : routes.list()) {
      value.add(RouteJson.write(view));
    }
    out.putNull("nextLink");
    Json.respond(ctx, 200, out);
  }

  private void put(Context ctx) {
    String id = id(ctx);
    ObjectNode body = Json.readObject(ctx, maxBody);
    boolean created = routes.put(id, body);
    Json.respond(ctx, created ? 201 : 200, RouteJson.write(routes.get(id)));
  }

  /** {@code ?after=<version>&max=<n>}; {@code nextLink} continues after the last letter shown. */
  private void letters(Context ctx) {
    String id = id(ctx);
    long after = number(ctx.queryParam("after"), "after", 0, Long.MAX_VALUE, 0);
    int max = (int) number(ctx.queryParam("max"), "max", 1, MAX_LETTERS, DEFAULT_LETTERS);
    List<ParkedLetter> letters = routes.letters(id, after, max + 1);
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    letters.stream().limit(max).forEach(l -> value.add(RouteJson.write(l)));
    if (letters.size() > max) {
      out.put("nextLink", "/eventroutes/" + id + "/letters?after="
          + letters.get(max - 1).entry().version() + "&max=" + max);
    } else {
      out.putNull("nextLink");
    }
    Json.respond(ctx, 200, out);
  }

  private static String id(Context ctx) {
    return RouteJson.id(ctx.pathParam("id"));
  }

  private static long version(Context ctx) {
    return number(ctx.pathParam("version"), "version", 0, Long.MAX_VALUE, 0);
  }

  private static long number(@Nullable String text, String target, long min, long max, long fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(text.trim());
      if (n < min || n > max) {
        throw Requests.invalid(target, "must be from " + min + " to " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw Requests.invalid(target, "not an integer: '" + text + "'");
    }
  }
}
