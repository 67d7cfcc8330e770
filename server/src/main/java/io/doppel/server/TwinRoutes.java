package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Page;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import io.doppel.twin.WriteResult;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** {@code /digitaltwins/{id}} and its components, as ADT's DigitalTwins operations. */
final class TwinRoutes {
  /** Finishes asynchronous responses: a virtual thread each, like the requests Jetty runs. */
  private static final Executor REPLIES = task -> Thread.ofVirtual().start(task);

  private final TwinEngine engine;
  private final long maxBody;

  TwinRoutes(TwinEngine engine, long maxBody) {
    this.engine = engine;
    this.maxBody = maxBody;
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
    TwinView twin = engine.getTwin(ctx.pathParam("id"));
    ctx.header("ETag", twin.etag());
    Json.respond(ctx, 200, twin.json());
  }

  private void put(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    TwinView twin = engine.putTwin(ctx.pathParam("id"), body, Requests.precondition(ctx));
    ctx.header("ETag", twin.etag());
    Json.respond(ctx, 200, twin.json());
  }

  /**
   * ADT answers a PATCH with 204 and the new ETag only, so the write asks the engine for just that
   * ({@link TwinEngine#submitPatch}), sparing the copy of the twin a reply document needs. The request does not
   * hold a thread while its group commits: the response is finished by {@link #REPLIES} once the write is durable,
   * never on the engine's single writer thread (which completes the future).
   */
  private void patch(Context ctx) {
    var patch = Json.readArray(ctx, maxBody);
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
    ObjectNode component = engine.getComponent(id, ctx.pathParam("component"));
    // ADT answers with the twin's ETag; read after the component so a concurrent write only makes it newer.
    ctx.header("ETag", engine.getTwin(id).etag());
    Json.respond(ctx, 200, component);
  }

  private void patchComponent(Context ctx) {
    var patch = Json.readArray(ctx, maxBody);
    TwinView twin = engine.patchComponent(ctx.pathParam("id"), ctx.pathParam("component"), patch,
        Requests.precondition(ctx));
    ctx.header("ETag", twin.etag()).status(204);
  }

  /** Not in ADT (which lists through its query language): a plain paged listing for the CLI and exports. */
  private void list(Context ctx) {
    Page<TwinView> page = engine.listTwins(Requests.continuation(ctx), Requests.pageSize(ctx));
    ObjectNode body = Json.MAPPER.createObjectNode();
    var value = body.putArray("value");
    page.items().forEach(t -> value.add(t.json()));
    body.put("nextLink", Requests.nextLink(ctx, page.continuation(), Map.of()));
    Json.respond(ctx, 200, body);
  }
}
