package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.IncomingRelationship;
import io.doppel.twin.Page;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.util.Map;

/**
 * A twin's outgoing relationships and its incoming ones, as ADT's DigitalTwins relationship operations. Reads give
 * the relationship's personal properties pseudonymised or dropped for a caller without {@code personal}.
 */
final class RelationshipRoutes {
  private final TwinEngine engine;
  private final long maxBody;

  RelationshipRoutes(TwinEngine engine, long maxBody) {
    this.engine = engine;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins/{id}/relationships", this::list)
        .get("/digitaltwins/{id}/relationships/{relId}", this::get)
        .put("/digitaltwins/{id}/relationships/{relId}", this::put)
        .patch("/digitaltwins/{id}/relationships/{relId}", this::patch)
        .delete("/digitaltwins/{id}/relationships/{relId}", this::delete)
        .get("/digitaltwins/{id}/incomingrelationships", this::incoming);
  }

  private void get(Context ctx) {
    RelationshipView rel = engine.getRelationship(ctx.pathParam("id"), ctx.pathParam("relId"));
    var access = io.doppel.server.auth.AccessGuard.access(ctx);
    if (!access.reads(rel.targetId())) {
      throw io.doppel.server.auth.AuthFailure.forbidden("may not read the target of " + rel.id());
    }
    ctx.header("ETag", rel.etag());
    // the caller named the source and the relationship: those stay as named, the target goes by its pseudonym
    ObjectNode seen = access.personalRelationshipRead(rel.json(), rel.sourceId());
    if (seen != rel.json()) {
      seen.put("$relationshipId", rel.id());
    }
    Json.respond(ctx, 200, seen);
  }

  private void put(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    String target = body.path("$targetId").asText();
    String name = body.path("$relationshipName").asText();
    // a malformed body is the engine's 400; a well-formed one must not widen a relationship-path grant
    if (!target.isEmpty() && !io.doppel.server.auth.AccessGuard.access(ctx).mayLink(target, name)) {
      throw io.doppel.server.auth.AuthFailure.forbidden("may not link to " + target + " by '" + name
          + "': a relationship-path policy would extend to it");
    }
    RelationshipView rel = engine.putRelationship(ctx.pathParam("id"), ctx.pathParam("relId"), body,
        Requests.precondition(ctx));
    ctx.header("ETag", rel.etag());
    Json.respond(ctx, 200, rel.json());
  }

  private void patch(Context ctx) {
    var patch = Json.readArray(ctx, maxBody);
    RelationshipView rel = engine.patchRelationship(ctx.pathParam("id"), ctx.pathParam("relId"), patch,
        Requests.precondition(ctx));
    ctx.header("ETag", rel.etag()).status(204);
  }

  private void delete(Context ctx) {
    engine.deleteRelationship(ctx.pathParam("id"), ctx.pathParam("relId"), Requests.precondition(ctx));
    ctx.status(204);
  }

  private void list(Context ctx) {
    String name = ctx.queryParam("relationshipName");
    if (name != null && name.isEmpty()) {
      name = null;
    }
    Page<RelationshipView> page = engine.listRelationships(ctx.pathParam("id"), name, Requests.continuation(ctx),
        Requests.pageSize(ctx));
    ObjectNode body = Json.MAPPER.createObjectNode();
    var value = body.putArray("value");
    var access = io.doppel.server.auth.AccessGuard.access(ctx);
    page.items().stream().filter(r -> access.reads(r.targetId()))
        .forEach(r -> value.add(access.personalRelationshipRead(r.json(), r.sourceId())));
    body.put("nextLink",
        Requests.nextLink(ctx, page.continuation(), name == null ? Map.of() : Map.of("relationshipName", name)));
    Json.respond(ctx, 200, body);
  }

  private void incoming(Context ctx) {
    Page<IncomingRelationship> page = engine.listIncomingRelationships(ctx.pathParam("id"),
        Requests.continuation(ctx), Requests.pageSize(ctx));
    ObjectNode body = Json.MAPPER.createObjectNode();
    var value = body.putArray("value");
    var access = io.doppel.server.auth.AccessGuard.access(ctx);
    for (IncomingRelationship in : page.items()) {
      if (!access.reads(in.sourceId())) {
        continue; // a relationship from a twin the caller may not read is not theirs to see
      }
      String id = access.shownRelationshipId(in.relationshipId(), in.sourceId(), in.relationshipName());
      String source = access.shownId(in.sourceId());
      boolean clear = id.equals(in.relationshipId()) && source.equals(in.sourceId());
      value.addObject()
          .put("$relationshipId", id)
          .put("$sourceId", source)
          .put("$relationshipName", in.relationshipName())
          // the link names the clear ids: one by pseudonyms would resolve nothing, so it is left out then
          .put("$relationshipLink", clear ? in.relationshipLink() : null);
    }
    body.put("nextLink", Requests.nextLink(ctx, page.continuation(), Map.of()));
    Json.respond(ctx, 200, body);
  }
}
