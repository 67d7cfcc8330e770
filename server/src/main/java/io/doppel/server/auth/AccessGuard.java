package io.doppel.server.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one before-handler in front of every route (and every WebSocket upgrade): finds the route the request is
 * for, authenticates the caller, checks the route's declared {@link RoutePermission} and leaves the caller's
 * {@link Access} on the context for the route to filter its answer with.
 */
public final class AccessGuard {
  public static final String ACCESS_ATTRIBUTE = "doppel.access";
  /** The tenant the request works in (see {@link AccessControl#tenantOf}); the routes dispatch on it. */
  public static final String TENANT_ATTRIBUTE = "doppel.tenant";
  /** Set when the request was refused because its address failed to authenticate too often (audited so). */
  public static final String THROTTLED_ATTRIBUTE = "doppel.throttled";
  /** The session cookie the web UI's login sets: the API key, HttpOnly and SameSite=Strict. */
  public static final String COOKIE = "doppel_key";
  /** The client's address ({@link TrustedProxies}): what failed authentications and the audit log count by. */
  public static final String CLIENT_ATTRIBUTE = "doppel.client";

  /** The route template and path parameters a request matches, or null for none. */
  @FunctionalInterface
  public interface RouteResolver {
    @Nullable Match resolve(HandlerType method, String path);
  }

  public record Match(String template, Map<String, String> params) {}

  private final AccessControl control;
  private final RouteResolver routes;
  private final TrustedProxies proxies;

  public AccessGuard(AccessControl control, RouteResolver routes, TrustedProxies proxies) {
    this.control = control;
    this.routes = routes;
    this.proxies = proxies;
  }

  /** Javalin before-handler: throws {@link AuthFailure} (401/403) or records the caller's {@link Access}. */
  public void check(Context ctx) {
    ctx.attribute(CLIENT_ATTRIBUTE, proxies.none() ? ctx.ip()
        : proxies.client(ctx.ip(), headers(ctx, "X-Forwarded-For"), headers(ctx, "Forwarded")));
    if (RoutePermissions.PUBLIC_PATHS.contains(ctx.path())) {
      return;
    }
    HandlerType method = ctx.method() == HandlerType.HEAD ? HandlerType.GET : ctx.method();
    // Authenticate first: whether a route exists is not told to strangers.
    Principal principal = authenticate(control, ctx, credential(ctx));
    String tenant = control.tenantOf(principal, ctx.header(TenantName.HEADER));
    Access access = control.access(principal, tenant);
    ctx.attribute(ACCESS_ATTRIBUTE, access);
    ctx.attribute(TENANT_ATTRIBUTE, tenant);
    if (access.everything()) {
      return; // authorize() allows everything to such a caller: finding the route would decide nothing
    }
    Match match = routes.resolve(method, ctx.path());
    if (match == null) {
      return; // Javalin answers 404 or 405
    }
    control.authorize(access, RoutePermissions.of(method.name(), match.template()), method.name() + " "
        + match.template(), match.params());
  }

  /**
   * Who presents {@code credential} on this request, throttled by its remote address
   * ({@link AccessControl#authenticate(String, String)}); a throttled request is marked for the audit log.
   */
  public static Principal authenticate(AccessControl control, Context ctx, @Nullable String credential) {
    try {
      return control.authenticate(credential, client(ctx));
    } catch (AuthFailure e) {
      if (e.kind() == AuthFailure.Kind.AUTH_THROTTLED) {
        ctx.attribute(THROTTLED_ATTRIBUTE, Boolean.TRUE);
      }
      throw e;
    }
  }

  /** The client's address as the guard found it ({@link TrustedProxies}); the TCP peer's before the guard ran. */
  public static String client(Context ctx) {
    String client = ctx.attribute(CLIENT_ATTRIBUTE);
    return client != null ? client : ctx.ip();
  }

  private static java.util.List<String> headers(Context ctx, String name) {
    java.util.Enumeration<String> values = ctx.req().getHeaders(name);
    return values == null ? java.util.List.of() : java.util.Collections.list(values);
  }

  /** The caller's access as the guard left it; everything when the guard did not run (public paths). */
  public static Access access(Context ctx) {
    Access access = ctx.attribute(ACCESS_ATTRIBUTE);
    return access == null ? Access.ALL : access;
  }

  /** The tenant the guard resolved; the default tenant when the guard did not run (public paths). */
  public static String tenant(Context ctx) {
    String tenant = ctx.attribute(TENANT_ATTRIBUTE);
    return tenant == null ? TenantName.DEFAULT : tenant;
  }

  /** The bearer token, or the UI's session cookie when there is no Authorization header. */
  public static @Nullable String credential(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    }
    return ctx.cookie(COOKIE);
  }

  /** Who opened a WebSocket, and in which tenant. */
  public record Caller(String tenant, Access access) {}

  /** Who opened a WebSocket (its upgrade request was checked by {@link #check}; this reads the same headers). */
  public Caller caller(io.javalin.websocket.WsContext ctx) {
    String header = ctx.header("Authorization");
    String credential = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim() : ctx.cookie(COOKIE);
    Principal principal = control.authenticate(credential);
    String tenant = control.tenantOf(principal, ctx.header(TenantName.HEADER));
    return new Caller(tenant, control.access(principal, tenant));
  }

  /** Refuses everyone but a platform admin: for routes whose effect spans every tenant ({@code what} says which). */
  public static void requirePlatformAdmin(io.javalin.http.Context ctx, String what) {
    Principal caller = access(ctx).principal();
    if (!caller.platformAdmin()) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, caller.id() + " may not " + what
          + ", which spans every tenant");
    }
  }
}
