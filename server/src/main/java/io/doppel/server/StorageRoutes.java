package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.auth.AccessGuard;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * The data directory's disk: {@code GET /storage} (free space, reserve, whether writes are accepted) and
 * {@code PUT /storage/reserve} (change the reserve while running, e.g. to let writes through while the volume grows),
 * and the before-handler that answers every storing request with 507 {@code INSUFFICIENT_STORAGE} while the disk is
 * below its reserve.
 */
final class StorageRoutes {
  /**
   * Requests with a write method that store nothing, or that free space: they keep working on a full disk so that
   * the operator can query, simulate and clean up.
   */
  private static final Set<String> NOT_STORING = Set.of("POST /query", "POST /query/explain",
      "POST /mappings/{id}:test", "POST /auth/login", "POST /auth/logout", "POST /scenarios/{id}/runs",
      "DELETE /scenarios/{id}/runs/{run}", "POST /scenarios/{id}/calibrate", "POST /history/retention/sweep",
      "POST /digitaltwins/{id}/commands/{name}", "DELETE /deadletters/{id}", "PUT /storage/reserve");

  private final DiskGuard guard;
  private final long maxBody;
  private final AccessGuard.RouteResolver routes;

  StorageRoutes(DiskGuard guard, long maxBody, AccessGuard.RouteResolver routes) {
    this.guard = guard;
    this.maxBody = maxBody;
    this.routes = routes;
  }

  void addTo(RouteTable table) {
    table.get("/storage", ctx -> Json.respond(ctx, 200, json(guard.status())))
        .put("/storage/reserve", this::reserve);
  }

  /** Before every request: a storing one is refused while the disk is below its reserve. */
  void check(Context ctx) {
    HandlerType method = ctx.method();
    boolean writeMethod = method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
        || method == HandlerType.DELETE;
    if (!writeMethod || guard.writable()) {
      return;
    }
    AccessGuard.Match match = routes.resolve(method, ctx.path());
    if (match != null && !NOT_STORING.contains(method.name() + " " + match.template())) {
      throw DiskGuard.refusal(guard.status());
    }
  }

  private void reserve(Context ctx) {
    io.doppel.server.auth.AccessGuard.requirePlatformAdmin(ctx, "change the data disk's reserve");
    JsonNode minFree = Json.readObject(ctx, maxBody).get("minFree");
    if (minFree == null || !minFree.isTextual() && !minFree.isNumber()) {
      throw Requests.invalid("minFree", "required: the free space to keep, e.g. \"256MiB\", \"2%\" or 0");
    }
    DiskReserve reserve;
    try {
      reserve = DiskReserve.parse(minFree.asText());
    } catch (IllegalArgumentException e) {
      throw Requests.invalid("minFree", e.getMessage());
    }
    Json.respond(ctx, 200, json(guard.reserve(reserve)));
  }

  private static ObjectNode json(DiskGuard.Status s) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("path", s.path()).put("writable", s.writable())
        .put("minFree", s.reserve().toString()).put("reserveBytes", s.reserveBytes())
        .put("checkedAt", s.checkedAt().toString());
    if (s.totalBytes() != Long.MAX_VALUE) {
      out.put("usableBytes", s.usableBytes()).put("totalBytes", s.totalBytes());
    }
    return out;
  }
}
