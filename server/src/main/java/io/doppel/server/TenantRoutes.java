package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.auth.AccessGuard;
import io.doppel.server.auth.AuthFailure;
import io.doppel.server.auth.Principal;
import io.doppel.server.auth.TenantName;
import io.javalin.http.Context;

/**
 * Tenant management, {@code /tenants[/{name}]}: for platform admins only (a tenant's own admin manages its tenant,
 * not the others), and only on a server requiring authentication, since an open server has no caller to place in
 * a tenant and runs only the default one.
 */
final class TenantRoutes {
  private final Tenants tenants;
  private final boolean authenticated;

  TenantRoutes(Tenants tenants, boolean authenticated) {
    this.tenants = tenants;
    this.authenticated = authenticated;
  }

  void addTo(RouteTable table) {
    table.get("/tenants", this::list)
        .get("/tenants/{name}", ctx -> {
          allowed(ctx);
          Json.respond(ctx, 200, tenants.info(TenantName.require(ctx.pathParam("name"), "name")).toJson());
        })
        .put("/tenants/{name}", this::create)
        .delete("/tenants/{name}", ctx -> {
          allowed(ctx);
          tenants.delete(ctx.pathParam("name"));
          ctx.status(204);
        });
  }

  private void list(Context ctx) {
    allowed(ctx);
    ObjectNode body = Json.MAPPER.createObjectNode();
    var value = body.putArray("value");
    tenants.list().forEach(t -> value.add(t.toJson()));
    Json.respond(ctx, 200, body);
  }

  private void create(Context ctx) {
    allowed(ctx);
    if (!authenticated) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN,
          "this server runs open: it serves only the default tenant (tenants need authentication)");
    }
    String name = TenantName.require(ctx.pathParam("name"), "name");
    boolean created = tenants.create(name);
    Json.respond(ctx, created ? 201 : 200, tenants.info(name).toJson());
  }

  private static void allowed(Context ctx) {
    Principal principal = AccessGuard.access(ctx).principal();
    if (!principal.platformAdmin()) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, principal.id() + " administers tenant '"
          + principal.tenant() + "' only: tenants are managed by platform admins");
    }
  }
}
