package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.PastSnapshots;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.Page;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import io.doppel.twin.WriteResult;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** {@code /digitaltwins/{id}} and its components, as ADT's DigitalTwins operations. */
final class TwinRoutes {
  /** Finishes asynchronous responses: a virtual thread each, like the requests Jetty runs. */
  private static final Executor REPLIES = task -> Thread.ofVirtual().start(task);

  private final TwinEngine engine;
  private final long maxBody;
  private final PastSnapshots past;

  TwinRoutes(TwinEngine engine, long maxBody, PastSnapshots past) {
    this.engine = engine;
    this.maxBody = maxBody;
    this.past = past;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins", this::list)
        .get("/digitaltwins/{id}", this::get)
        .put("/digitaltwins/{id}", this::put)
        .patch("/digitaltwins/{id}", this::patch)
        .delete("/digitaltwins/{id}", this::delete)
        .get("/digitaltwins/{id}/components/{component}", this::getComponent)
        .patch("/digitaltwins/{id}/components/{component}", this::patchComponent);
  }

  private void get(Context ctx) {
    Instant asOf = ChangesRoutes.asOf(ctx);
    TwinView twin = asOf == null ? engine.getTwin(ctx.pathParam("id")) : twinAt(ctx.pathParam("id"), asOf);
    ctx.header("ETag", twin.etag());
    Json.respond(ctx, 200, visible(ctx, twin.json()));
  }

  /** The twin without the properties the caller may not see (the guard checked they may read the twin). */
  private static ObjectNode visible(Context ctx, ObjectNode twin) {
    ObjectNode seen = Visibility.twin(ctx, twin);
    if (seen == null) {
      throw io.doppel.server.auth.AuthFailure.forbidden("may not read " + twin.path("$dtId").asText());
    }
    return seen;
  }

  /** {@code ?asOf=}: the twin as it was then, from the graph rolled back with the change history. */
  private TwinView twinAt(String id, Instant asOf) {
    try (GraphSnapshot then = past.at(asOf)) {
      TwinView twin = then.twin(id);
      if (twin == null) {
        throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, "twin '" + id + "' did not exist at " + asOf);
      }
      return twin;
    }
  }

  private void put(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    java.util.List<String> written = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(name -> {
      if (!name.startsWith("$")) {
        written.add(name);
      }
    });
    Visibility.requireWritable(ctx, ctx.pathParam("id"), written);
    TwinView twin = engine.putTwin(ctx.pathParam("id"), body, Requests.precondition(ctx));
    ctx.header("ETag", twin.etag());
    Json.respond(ctx, 200, visible(ctx, twin.json()));
  }

  /**
   * ADT answers a PATCH with 204 and the new ETag only, so the write asks the engine for just that
   * ({@link TwinEngine#submitPatch}), sparing the copy of the twin a reply document needs. The request does not
   * hold a thread while its group commits: the response is finished by {@link #REPLIES} once the write is durable,
   * never on the engine's single writer thread (which completes the future).
   */
  private void patch(Context ctx) {
    var patch = Json.readArray(ctx, maxBody);
    Visibility.requireWritable(ctx, ctx.pathParam("id"), Visibility.patchedProperties(patch));
    CompletableFuture<WriteResult> written =
        engine.submitPatch(ctx.pathParam("id"), patch, Requests.precondition(ctx));
    ctx.future(() -> written.thenAcceptAsync(w -> ctx.header("ETag", w.etag()).status(204), REPLIES));
  }

  private void delete(Context ctx) {
    engine.deleteTwin(ctx.pathParam("id"), Requests.precondition(ctx));
    ctx.status(204);
  }

  private void getComponent(Context ctx) {
    String id = ctx.pathParam("id");
    if (!io.doppel.server.auth.AccessGuard.access(ctx).showsProperty(id, ctx.pathParam("component"))) {
      throw io.doppel.server.auth.AuthFailure.forbidden("may not read component " + ctx.pathParam("component"));
    }
    ObjectNode component = engine.getComponent(id, ctx.pathParam("component"));
    // ADT answers with the twin's ETag; read after the component so a concurrent write only makes it newer.
    ctx.header("ETag", engine.getTwin(id).etag());
    Json.respond(ctx, 200, component);
  }

  private void patchComponent(Context ctx) {
    var patch = Json.readArray(ctx, maxBody);
    Visibility.requireWritable(ctx, ctx.pathParam("id"), java.util.List.of(ctx.pathParam("component")));
    TwinView twin = engine.patchComponent(ctx.pathParam("id"), ctx.pathParam("component"), patch,
        Requests.precondition(ctx));
    ctx.header("ETag", twin.etag()).status(204);
  }

  /** Not in ADT (which lists through its query language): a plain paged listing for the CLI and exports. */
  private void list(Context ctx) {
    Page<TwinView> page = engine.listTwins(Requests.continuation(ctx), Requests.pageSize(ctx));
    ObjectNode body = Json.MAPPER.createObjectNode();
    var value = body.putArray("value");
    page.items().forEach(t -> {
      ObjectNode seen = Visibility.listed(ctx, t.json());
      if (seen != null) {
        value.add(seen);
      }
    });
    body.put("nextLink", Requests.nextLink(ctx, page.continuation(), Map.of()));
    Json.respond(ctx, 200, body);
  }
}
