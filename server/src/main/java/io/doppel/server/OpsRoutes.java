package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Operational routes: readiness, Prometheus metrics and the OpenAPI document. */
final class OpsRoutes {
  static final String OPENAPI_RESOURCE = "/io/doppel/server/openapi.json";

  private final TwinEngine engine;
  private final HttpMetrics metrics;
  private final byte[] openApi;

  OpsRoutes(TwinEngine engine, HttpMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
    this.openApi = readOpenApi();
  }

  void addTo(RouteTable table) {
    table.get("/health", this::health)
        .get("/metrics", this::metrics)
        .get("/openapi.json", this::openApi);
  }

  /** The server registers its routes only once the store is open and the demo loaded, so answering means ready. */
  private void health(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("status", "ready")
        .put("version", DoppelServer.version())
        .put("engineVersion", engine.version())
        .put("twinCount", engine.twinCount());
    Json.respond(ctx, 200, body);
  }

  /** The engine meters are the default tenant's and the HTTP meters span tenants: for platform admins. */
  private void metrics(Context ctx) {
    io.doppel.server.auth.Principal caller = io.doppel.server.auth.AccessGuard.access(ctx).principal();
    if (!caller.platformAdmin()) {
      throw new io.doppel.server.auth.AuthFailure(io.doppel.server.auth.AuthFailure.Kind.TENANT_FORBIDDEN,
          caller.id() + " may not read the platform's metrics, which span every tenant");
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private void openApi(Context ctx) {
    ctx.contentType("application/json; charset=utf-8").result(openApi);
  }

  static byte[] readOpenApi() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
