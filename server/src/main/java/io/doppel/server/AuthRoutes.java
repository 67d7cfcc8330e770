package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.auth.AccessControl;
import io.doppel.server.auth.AccessGuard;
import io.doppel.server.auth.ApiKeys;
import io.doppel.server.auth.AuditEntry;
import io.doppel.server.auth.AuditLog;
import io.doppel.server.auth.AuthFailure;
import io.doppel.server.auth.Policies;
import io.doppel.server.auth.TenantName;
import io.doppel.server.auth.Principal;
import io.doppel.server.auth.Policy;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Access control over the API: the web UI's login (a session cookie holding the API key), {@code /auth/keys},
 * {@code /auth/policies}, and the audit log ({@code /audit}, {@code /audit/verify}).
 */
final class AuthRoutes {
  private static final int MAX_AUDIT_PAGE = 1000;

  private final AccessControl control;
  private final AuditLog audit;
  private final long maxBody;
  private final boolean tls;

  AuthRoutes(AccessControl control, AuditLog audit, long maxBody, boolean tls) {
    this.control = control;
    this.audit = audit;
    this.maxBody = maxBody;
    this.tls = tls;
  }

  void addTo(RouteTable table) {
    table.post("/auth/login", this::login)
        .post("/auth/logout", this::logout)
        .get("/auth/whoami", this::whoami)
        .get("/auth/keys", this::listKeys)
        .post("/auth/keys", this::createKey)
        .get("/auth/keys/{id}", ctx -> Json.respond(ctx, 200, visibleKey(ctx).toJson()))
        .delete("/auth/keys/{id}", ctx -> Json.respond(ctx, 200,
            control.keys().revoke(visibleKey(ctx).id()).toJson()))
        .get("/auth/policies", this::listPolicies)
        .get("/auth/policies/{id}", ctx -> Json.respond(ctx, 200,
            policies(ctx).get(ctx.pathParam("id")).toJson()))
        .put("/auth/policies/{id}", this::putPolicy)
        .delete("/auth/policies/{id}", ctx -> {
          policies(ctx).delete(ctx.pathParam("id"));
          ctx.status(204);
        })
        .get("/audit", this::audit)
        .get("/audit/verify", this::verify);
  }

  /** Checks the key and keeps it in an HttpOnly, SameSite=Strict cookie the browser sends with each API call. */
  private void login(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    JsonNode key = body.get("apiKey");
    if (key == null || !key.isTextual() || key.asText().isBlank()) {
      throw Requests.invalid("apiKey", "required: the API key to sign in with");
    }
    Principal principal = AccessGuard.authenticate(control, ctx, key.asText().trim());
    ctx.header("Set-Cookie", AccessGuard.COOKIE + "=" + key.asText().trim() + "; Path=/; HttpOnly; SameSite=Strict"
        + (tls ? "; Secure" : ""));
    Json.respond(ctx, 200, whoami(principal));
  }

  private void logout(Context ctx) {
    ctx.header("Set-Cookie", AccessGuard.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        + (tls ? "; Secure" : ""));
    ctx.status(204);
  }

  private void whoami(Context ctx) {
    Json.respond(ctx, 200, whoami(AccessGuard.access(ctx).principal()).put("workingTenant", AccessGuard.tenant(ctx)));
  }

  private static ObjectNode whoami(Principal principal) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("principal", principal.id())
        .put("kind", principal.kind().name().toLowerCase(java.util.Locale.ROOT)).put("tenant", principal.tenant())
        .put("platformAdmin", principal.platformAdmin());
    principal.roles().stream().sorted().forEach(node.putArray("roles")::add);
    return node;
  }

  private void listKeys(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    String tenant = AccessGuard.tenant(ctx);
    control.keys().list().stream().filter(k -> k.tenant().equals(tenant)).forEach(k -> value.add(k.toJson()));
    Json.respond(ctx, 200, body);
  }

  private void createKey(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual()) {
      throw Requests.invalid("name", "required: what or who the key is for");
    }
    Set<String> roles = new LinkedHashSet<>();
    JsonNode list = body.path("roles");
    if (!list.isMissingNode() && !list.isArray()) {
      throw Requests.invalid("roles", "expected an array of role names");
    }
    list.forEach(r -> roles.add(r.asText()));
    ApiKeys.Created created = control.keys().create(name.asText(), roles, keyTenant(ctx, body.get("tenant")));
    ObjectNode answer = created.info().toJson().put("key", created.key());
    ctx.header("Cache-Control", "no-store");
    Json.respond(ctx, 201, answer);
  }

  /**
   * The tenant of a new key: the request's tenant unless the body names one; only a platform admin may name
   * another (an existing one), so that a tenant's admin cannot mint keys for another tenant.
   */
  private String keyTenant(Context ctx, @org.jspecify.annotations.Nullable JsonNode named) {
    String working = AccessGuard.tenant(ctx);
    if (named == null || named.isNull()) {
      return working;
    }
    if (!named.isTextual()) {
      throw Requests.invalid("tenant", "expected a tenant name");
    }
    String tenant = TenantName.require(named.asText(), "tenant");
    if (tenant.equals(working)) {
      return tenant;
    }
    Principal principal = AccessGuard.access(ctx).principal();
    if (!principal.platformAdmin()) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, principal.id() + " may create keys of tenant '"
          + working + "' only");
    }
    if (!control.tenantExists(tenant)) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_NOT_FOUND, "no tenant '" + tenant + "'");
    }
    return tenant;
  }

  /** A key of the request's tenant; 404 for another tenant's key, as if it did not exist. */
  private ApiKeys.KeyInfo visibleKey(Context ctx) {
    String id = ctx.pathParam("id");
    ApiKeys.KeyInfo key = control.keys().get(id);
    if (!key.tenant().equals(AccessGuard.tenant(ctx))) {
      throw new AuthFailure(AuthFailure.Kind.KEY_NOT_FOUND, "no API key with id '" + id + "'");
    }
    return key;
  }

  /** The policies of the request's tenant: a tenant's admin cannot read or grant anything in another tenant. */
  private Policies policies(Context ctx) {
    return control.policies(AccessGuard.tenant(ctx));
  }

  private void listPolicies(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    policies(ctx).all().forEach(p -> value.add(p.toJson()));
    Json.respond(ctx, 200, body);
  }

  private void putPolicy(Context ctx) {
    Policy policy = Policy.parse(ctx.pathParam("id"), Json.readObject(ctx, maxBody));
    Json.respond(ctx, 200, policies(ctx).put(policy).toJson());
  }

  /**
   * {@code ?from=&to=&principal=&path=&tenant=&after=&limit=}: entries oldest first; {@code nextAfter} pages on.
   * A tenant's admin sees its tenant's entries only; a platform admin sees all, or one tenant's with {@code tenant}.
   */
  private void audit(Context ctx) {
    Instant from = time(ctx, "from");
    Instant to = time(ctx, "to");
    String principal = ctx.queryParam("principal");
    String path = ctx.queryParam("path");
    Principal caller = AccessGuard.access(ctx).principal();
    String asked = ctx.queryParam("tenant");
    String tenant = !caller.platformAdmin() ? AccessGuard.tenant(ctx)
        : asked == null || asked.isBlank() ? null : TenantName.require(asked.trim(), "tenant");
    long after = number(ctx, "after", 0, Long.MAX_VALUE, 0);
    int limit = (int) number(ctx, "limit", 1, MAX_AUDIT_PAGE, 100);
    Predicate<AuditEntry> filter = e -> (from == null || !e.time().isBefore(from))
        && (to == null || e.time().isBefore(to))
        && (principal == null || principal.equals(e.principal()))
        && (path == null || e.path().startsWith(path))
        && (tenant == null || tenant.equals(e.tenant() == null ? TenantName.DEFAULT : e.tenant()));
    var entries = audit.find(filter, after, limit);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    entries.forEach(e -> value.add(e.toJson()));
    if (entries.size() == limit) {
      body.put("nextAfter", entries.get(entries.size() - 1).seq());
    }
    Json.respond(ctx, 200, body);
  }

  /** The chain spans every tenant's entries: only a platform admin walks it. */
  private void verify(Context ctx) {
    Principal caller = AccessGuard.access(ctx).principal();
    if (!caller.platformAdmin()) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, caller.id() + " may not verify the whole audit chain,"
          + " which spans every tenant: it is for platform admins");
    }
    AuditLog.Verdict verdict = audit.verify();
    ObjectNode body = Json.MAPPER.createObjectNode().put("intact", verdict.intact()).put("entries", verdict.entries())
        .put("message", verdict.reason());
    if (verdict.brokenAt() != null) {
      body.put("brokenAt", verdict.brokenAt());
    }
    Json.respond(ctx, 200, body);
  }

  private static @org.jspecify.annotations.Nullable Instant time(Context ctx, String name) {
    String text = ctx.queryParam(name);
    return text == null || text.isBlank() ? null : HistoryRoutes.instant(text, name);
  }

  private static long number(Context ctx, String name, long min, long max, long fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value < min || value > max) {
        throw Requests.invalid(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw Requests.invalid(name, "not an integer: '" + text + "'");
    }
  }
}
