package io.doppel.server.auth;

import static io.doppel.server.auth.Action.DELETE;
import static io.doppel.server.auth.Action.QUERY;
import static io.doppel.server.auth.Action.READ;
import static io.doppel.server.auth.Action.SIMULATE;
import static io.doppel.server.auth.Action.WRITE;
import static io.doppel.server.auth.RoutePermission.ADMIN;
import static io.doppel.server.auth.RoutePermission.every;
import static io.doppel.server.auth.RoutePermission.model;
import static io.doppel.server.auth.RoutePermission.some;
import static io.doppel.server.auth.RoutePermission.twin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The permission each HTTP route declares, keyed on {@code "METHOD pattern"} exactly as the route is registered
 * (Javalin's template, e.g. {@code GET /digitaltwins/{id}}). {@link AccessGuard} looks every request up here before
 * any handler runs. A route missing from this table is refused to everyone but admin, and the test that enumerates
 * the server's routes fails until it is declared: adding a route means adding its line here.
 */
public final class RoutePermissions {
  /** Reachable without credentials: load-balancer probes, the login itself and the login page's files. */
  public static final Set<String> PUBLIC_PATHS = Set.of("/health", "/auth/login", "/auth/logout",
      "/ui/login", "/ui/static/login.js", "/ui/static/login.css");

  private static final Map<String, RoutePermission> TABLE = new LinkedHashMap<>();

  static {
    // twins and their parts
    declare("GET /digitaltwins", some(READ));
    declare("GET /digitaltwins/{id}", twin(READ));
    declare("PUT /digitaltwins/{id}", twin(WRITE));
    declare("PATCH /digitaltwins/{id}", twin(WRITE));
    declare("DELETE /digitaltwins/{id}", twin(DELETE));
    declare("GET /digitaltwins/{id}/components/{component}", twin(READ));
    declare("PATCH /digitaltwins/{id}/components/{component}", twin(WRITE));
    declare("GET /digitaltwins/{id}/relationships", twin(READ));
    declare("GET /digitaltwins/{id}/relationships/{relId}", twin(READ));
    declare("PUT /digitaltwins/{id}/relationships/{relId}", twin(WRITE));
    declare("PATCH /digitaltwins/{id}/relationships/{relId}", twin(WRITE));
    declare("DELETE /digitaltwins/{id}/relationships/{relId}", twin(DELETE));
    declare("GET /digitaltwins/{id}/incomingrelationships", twin(READ));
    declare("GET /digitaltwins/{id}/changes", twin(READ));
    declare("GET /digitaltwins/{id}/connection", twin(READ));
    declare("POST /digitaltwins/{id}/commands/{name}", twin(WRITE));
    declare("POST /digitaltwins/{id}/telemetry", twin(WRITE));
    declare("POST /digitaltwins/{id}/components/{component}/telemetry", twin(WRITE));
    declare("GET /digitaltwins/{id}/history", twin(READ));
    declare("GET /digitaltwins/{id}/history/latest", twin(READ));
    declare("GET /digitaltwins/{id}/history/export", twin(READ));
    declare("GET /digitaltwins/{id}/impact", twin(QUERY));
    declare("GET /digitaltwins/{id}/forecast", twin(READ));
    declare("GET /digitaltwins/{id}/anomalies", twin(READ));
    declare("GET /digitaltwins/{id}/anomalies/settings", twin(READ));
    declare("PUT /digitaltwins/{id}/anomalies/settings", twin(WRITE));
    // models
    declare("POST /models", some(WRITE));
    declare("GET /models", some(READ));
    declare("GET /models/{id}", model(READ));
    declare("GET /models/{id}/personal", model(READ));
    declare("PATCH /models/{id}", model(WRITE));
    declare("DELETE /models/{id}", model(DELETE));
    // queries and the change stream: answers are filtered to what the caller may read
    declare("POST /query", some(QUERY));
    declare("GET /query", some(QUERY));
    declare("POST /query/explain", some(QUERY));
    declare("GET /events", some(READ));
    declare("GET /connections", every(READ));
    // ingestion names its twins inside the message: it needs write on all of them
    declare("POST /ingest", every(WRITE));
    declare("POST /ingest/batch", every(WRITE));
    // rules, alerts, history settings
    declare("GET /rules", every(READ));
    declare("GET /rules/{id}", every(READ));
    declare("PUT /rules/{id}", ADMIN);
    declare("DELETE /rules/{id}", ADMIN);
    declare("GET /alerts", every(READ));
    declare("GET /warnings", every(READ));
    declare("GET /warnings/{name}", every(READ));
    declare("PUT /warnings/{name}", ADMIN);
    declare("DELETE /warnings/{name}", ADMIN);
    declare("GET /warnings/active", some(READ));
    declare("GET /digitaltwins/{id}/warnings", twin(READ));
    declare("GET /history/usage", ADMIN);
    declare("GET /history/retention", ADMIN);
    declare("PUT /history/retention", ADMIN);
    declare("POST /history/retention/sweep", ADMIN);
    // operations and integration: configuration of the platform itself
    declare("GET /metrics", ADMIN);
    declare("GET /storage", ADMIN);
    declare("PUT /storage/reserve", ADMIN);
    declare("POST /admin/backup", ADMIN);
    declare("GET /openapi.json", some(READ));
    declare("GET /indexes", ADMIN);
    declare("PUT /indexes/{path}", ADMIN);
    declare("DELETE /indexes/{path}", ADMIN);
    for (String base : new String[] {"/connectors", "/mappings", "/eventroutes"}) {
      declare("GET " + base, ADMIN);
      declare("GET " + base + "/{id}", ADMIN);
      declare("PUT " + base + "/{id}", ADMIN);
      declare("DELETE " + base + "/{id}", ADMIN);
    }
    declare("POST /connectors/{id}:pause", ADMIN);
    declare("POST /connectors/{id}:resume", ADMIN);
    declare("POST /mappings/{id}:test", ADMIN);
    declare("POST /eventroutes/{id}:pause", ADMIN);
    declare("POST /eventroutes/{id}:resume", ADMIN);
    declare("GET /eventroutes/{id}/letters", ADMIN);
    declare("DELETE /eventroutes/{id}/letters/{version}", ADMIN);
    declare("POST /eventroutes/{id}/letters/{version}:redeliver", ADMIN);
    declare("GET /deadletters", ADMIN);
    declare("GET /deadletters/{id}", ADMIN);
    declare("DELETE /deadletters/{id}", ADMIN);
    declare("POST /deadletters:replay", ADMIN);
    declare("POST /deadletters/{id}:replay", ADMIN);
    // access control and audit
    // scenarios: a run forks the whole simulated graph, whose results cannot be filtered twin by twin
    declare("GET /scenarios", every(SIMULATE));
    declare("GET /scenarios/{id}", every(SIMULATE));
    declare("PUT /scenarios/{id}", every(SIMULATE));
    declare("DELETE /scenarios/{id}", every(SIMULATE));
    declare("POST /scenarios/{id}/runs", every(SIMULATE));
    declare("GET /scenarios/{id}/runs", every(SIMULATE));
    declare("GET /scenarios/{id}/runs/{run}", every(SIMULATE));
    declare("DELETE /scenarios/{id}/runs/{run}", every(SIMULATE));
    declare("POST /scenarios/{id}/calibrate", every(SIMULATE));

    declare("GET /auth/whoami", some(READ));
    declare("GET /auth/keys", ADMIN);
    declare("POST /auth/keys", ADMIN);
    declare("GET /auth/keys/{id}", ADMIN);
    declare("DELETE /auth/keys/{id}", ADMIN);
    declare("GET /auth/policies", ADMIN);
    declare("GET /auth/policies/{id}", ADMIN);
    declare("PUT /auth/policies/{id}", ADMIN);
    declare("DELETE /auth/policies/{id}", ADMIN);
    declare("GET /audit", ADMIN);
    declare("GET /audit/verify", ADMIN);
    // tenants: admin, and the route refuses a tenant's own admin (TENANT_FORBIDDEN): platform admins only
    declare("GET /tenants", ADMIN);
    declare("GET /tenants/{name}", ADMIN);
    declare("PUT /tenants/{name}", ADMIN);
    declare("DELETE /tenants/{name}", ADMIN);
    // the web UI's pages (its data comes through the routes above)
    declare("GET /", some(READ));
    declare("GET /ui", some(READ));
    declare("GET /ui/<path>", some(READ));
  }

  private RoutePermissions() {}

  private static void declare(String route, RoutePermission permission) {
    if (TABLE.put(route, permission) != null) {
      throw new IllegalStateException("route declared twice: " + route);
    }
  }

  /** The permission of a route template, or null when it declares none (then only admin passes). */
  public static @Nullable RoutePermission of(String method, String template) {
    return TABLE.get(method + " " + template);
  }

  /** Every declared route, for the test that checks each is served and each served route is declared. */
  public static Map<String, RoutePermission> all() {
    return Map.copyOf(TABLE);
  }
}
