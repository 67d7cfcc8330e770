package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.auth.Action;
import io.doppel.server.auth.RoutePermission;
import io.doppel.server.auth.RoutePermissions;
import io.doppel.server.auth.AuthConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every HTTP endpoint Javalin serves (its own route list, not a list written here) and proves each refuses a
 * caller without credentials (401) and callers who hold every right but the one the route declares (403). A route
 * added without a line in {@link RoutePermissions} fails here.
 */
class RouteAccessTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  /** The documented exceptions: probes and the login (docs/security.md). */
  private static final Set<String> PUBLIC = Set.of("GET /health", "POST /auth/login", "POST /auth/logout");

  @Test
  void everyRouteDeclaresAPermission() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      List<String> undeclared = new ArrayList<>();
      for (String endpoint : server.httpEndpoints()) {
        String[] parts = endpoint.split(" ", 2);
        if (!PUBLIC.contains(endpoint) && RoutePermissions.of(parts[0], parts[1]) == null) {
          undeclared.add(endpoint);
        }
      }
      assertThat(undeclared).as("routes without a permission in RoutePermissions").isEmpty();
      assertThat(server.httpEndpoints()).hasSizeGreaterThan(80);
    });
  }

  @Test
  void everyRouteRefusesStrangersAndCallersWithoutTheRight() throws Exception {
    // hundreds of made-up keys from one address: without this, the failure limit answers 429 (AuthThrottleApiTest)
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)
        .withFailureLimit(io.doppel.server.auth.FailureLimit.OFF)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      // one key per action: its role holds every other non-admin action on every twin and property
      Map<Action, String> allBut = new EnumMap<>(Action.class);
      for (Action missing : Action.values()) {
        EnumSet<Action> held = EnumSet.complementOf(EnumSet.of(missing, Action.ADMIN));
        String role = "all-but-" + missing.wire();
        StringBuilder actions = new StringBuilder();
        held.forEach(a -> actions.append(actions.isEmpty() ? "" : ",").append('"').append(a.wire()).append('"'));
        assertThat(admin.put("/auth/policies/" + role, "{\"roles\":[\"" + role + "\"],\"actions\":[" + actions
            + "],\"twins\":\"*\"}").status()).isEqualTo(200);
        allBut.put(missing, key(admin, role));
      }
      String nobody = key(admin, "no-policy");
      int checked = 0;
      for (String endpoint : server.httpEndpoints()) {
        if (PUBLIC.contains(endpoint)) {
          continue;
        }
        String[] parts = endpoint.split(" ", 2);
        String method = parts[0];
        String path = concrete(parts[1]);
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
        Http.Response stranger = http.send(method, path, body, "application/json");
        assertThat(stranger.status()).as(endpoint + " without credentials").isEqualTo(401);
        Http.Response forged = http.send(method, path, body, "application/json", "Authorization",
            "Bearer dpk_0123456789abcdef_" + "A".repeat(43));
        assertThat(forged.status()).as(endpoint + " with a made-up key").isEqualTo(401);
        Http.Response none = http.send(method, path, body, "application/json", "Authorization", "Bearer " + nobody);
        assertThat(none.status()).as(endpoint + " with a key whose role has no policy").isEqualTo(403);
        RoutePermission permission = RoutePermissions.of(method, parts[1]);
        Action needed = permission == null ? Action.ADMIN : permission.action();
        Http.Response lacking = http.send(method, path, body, "application/json", "Authorization",
            "Bearer " + allBut.get(needed));
        assertThat(lacking.status()).as(endpoint + " with every right but " + needed.wire()).isEqualTo(403);
        assertThat(lacking.errorCode()).isEqualTo("FORBIDDEN");
        checked++;
      }
      assertThat(checked).isGreaterThan(80);
      // the public ones answer without credentials
      assertThat(http.get("/health").status()).isEqualTo(200);
      assertThat(http.get("/ui/login").status()).isEqualTo(200);
      assertThat(http.get("/ui/static/login.js").status()).isEqualTo(200);
    });
  }

  static String key(Http admin, String role) {
    Http.Response created = admin.post("/auth/keys", "{\"name\":\"" + role + "\",\"roles\":[\"" + role + "\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("key").asText();
  }

  /** A request path for a template: any value per parameter will do, the guard answers before the handler. */
  private static String concrete(String template) {
    String path = template.replace("<path>", "x");
    if (path.startsWith("/models/{id}")) {
      path = path.replace("{id}", Http.enc("dtmi:example:Thing;1"));
    }
    return path.replaceAll("\\{[^}]+}", "p1");
  }
}
