package io.doppel.server.auth;

import io.doppel.model.Dtmi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Authentication and authorisation for the whole server: turns a presented credential into a {@link Principal}
 * and decides whether it holds a route's {@link RoutePermission}. The stores behind it are the server's to close.
 */
public final class AccessControl {
  private final AuthConfig config;
  private final ApiKeys keys;
  private final TenantDirectory tenants;
  private final @Nullable JwtVerifier jwt;
  private final List<byte[]> adminSecrets = new ArrayList<>();
  private final Pseudonymizer pseudonyms;
  private final AuthThrottle throttle;

  /**
   * @param staticToken the older {@code --token}: when set it is accepted as the admin, like the admin key
   * @param tenants each tenant's policies and graph, which a caller's access is decided against
   * @param pseudonyms the keyed pseudonyms personal data gets for callers without {@code personal}
   */
  public AccessControl(AuthConfig config, @Nullable String staticToken, ApiKeys keys, TenantDirectory tenants,
      Pseudonymizer pseudonyms) {
    this.pseudonyms = pseudonyms;
    this.config = config;
    this.keys = keys;
    this.tenants = tenants;
    this.jwt = config.jwt() == null ? null : new JwtVerifier(config.jwt());
    this.throttle = new AuthThrottle(config.failureLimit(), java.time.Clock.systemUTC());
    for (String secret : new String[] {config.adminKey(), staticToken}) {
      if (secret != null) {
        adminSecrets.add(secret.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Whether credentials are needed (configured so, or a static token was given). */
  public boolean required() {
    return config.required() || !adminSecrets.isEmpty();
  }

  public ApiKeys keys() {
    return keys;
  }

  public boolean tenantExists(String tenant) {
    return tenants.exists(tenant);
  }

  /** The policies of a tenant that exists. */
  public Policies policies(String tenant) {
    return tenants.policies(tenant);
  }

  /**
   * The tenant a request works in: the caller's own, or the one named by the {@code Doppel-Tenant} header, which
   * only a platform admin of a server requiring authentication may send (an open server runs only the default
   * tenant). 400 for a malformed name, 403 {@code TENANT_FORBIDDEN} for anyone else, 404 for an unknown tenant.
   */
  public String tenantOf(Principal principal, @Nullable String header) {
    if (header == null || header.isBlank()) {
      if (!tenants.exists(principal.tenant())) {
        throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, principal.id() + " belongs to tenant '"
            + principal.tenant() + "', which does not exist");
      }
      return principal.tenant();
    }
    String tenant = TenantName.require(header.trim(), TenantName.HEADER);
    if (tenant.equals(principal.tenant())) {
      return tenant;
    }
    if (!required()) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN,
          "this server runs open: it serves only the default tenant (tenants need authentication)");
    }
    if (!principal.platformAdmin()) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, principal.id() + " may not address another tenant"
          + " (" + TenantName.HEADER + " is for platform admins)");
    }
    if (!tenants.exists(tenant)) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_NOT_FOUND, "no tenant '" + tenant + "'");
    }
    return tenant;
  }

  /**
   * {@link #authenticate(String)} for a caller at {@code remote} (its IP address): 429 {@code AUTH_THROTTLED},
   * before the credential is looked at, while that address is throttled for failing too often; a presented
   * credential that fails counts towards that (a missing one does not: it guesses nothing).
   */
  public Principal authenticate(@Nullable String credential, String remote) {
    if (!required()) {
      return Principal.ANONYMOUS;
    }
    long wait = throttle.retryAfterSeconds(remote);
    if (wait > 0) {
      throw AuthFailure.throttled(wait);
    }
    try {
      return authenticate(credential);
    } catch (AuthFailure e) {
      if (e.kind() == AuthFailure.Kind.UNAUTHORIZED && credential != null && !credential.isBlank()) {
        throttle.failed(remote);
      }
      throw e;
    }
  }

  /** Who presents {@code credential} (an API key, the admin key or a JWT); 401 when nobody valid. */
  public Principal authenticate(@Nullable String credential) {
    if (!required()) {
      return Principal.ANONYMOUS;
    }
    if (credential == null || credential.isBlank()) {
      throw AuthFailure.unauthorized("missing credentials: send Authorization: Bearer <API key or JWT>");
    }
    byte[] presented = credential.getBytes(StandardCharsets.UTF_8);
    boolean admin = false;
    for (byte[] secret : adminSecrets) {
      admin |= MessageDigest.isEqual(secret, presented); // every secret compared: no early exit to time
    }
    if (admin) {
      return Principal.ADMIN;
    }
    if (ApiKeys.looksLikeKey(credential)) {
      return keys.authenticate(credential)
          .orElseThrow(() -> AuthFailure.unauthorized("unknown or revoked API key"));
    }
    if (jwt == null) {
      throw AuthFailure.unauthorized("invalid bearer token (this server accepts API keys only)");
    }
    return jwt.verify(credential);
  }

  /** What {@code principal} may do and see in its own tenant. */
  public Access access(Principal principal) {
    return access(principal, principal.tenant());
  }

  /** What {@code principal} may do and see in {@code tenant} (its own, or any for a platform admin). */
  public Access access(Principal principal, String tenant) {
    return new Access(principal, principal.admin() ? List.of() : tenants.policies(tenant).all(),
        () -> tenants.catalog(tenant), id -> tenants.twinModel(tenant, id), pseudonyms, tenants.reach(tenant));
  }

  /**
   * Refuses with 403 unless the caller holds {@code permission}; {@code params} are the route's path parameters
   * ({@code id} names the twin or model). A route without a permission ({@code null}) is for admin only.
   */
  public void authorize(Access access, @Nullable RoutePermission permission, String route,
      Map<String, String> params) {
    if (access.everything()) {
      return;
    }
    if (permission == null) {
      throw AuthFailure.forbidden(route + " declares no permission: admin only");
    }
    boolean allowed = switch (permission.scope()) {
      case TWIN -> {
        String id = params.get("id");
        yield id != null && access.allows(permission.action(), id, access.modelOf(id));
      }
      case MODEL -> {
        Dtmi model = dtmi(params.get("id"));
        yield model != null && access.allowsOnModel(permission.action(), model);
      }
      case SOME -> access.allowsSomewhere(permission.action());
      case EVERY -> access.allowsEverywhere(permission.action());
    };
    if (!allowed) {
      throw AuthFailure.forbidden(access.principal().id() + " may not " + permission.action().wire()
          + (permission.scope() == RoutePermission.Scope.EVERY ? " everything" : "") + " here (" + route + ")");
    }
  }

  private static @Nullable Dtmi dtmi(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Dtmi.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
