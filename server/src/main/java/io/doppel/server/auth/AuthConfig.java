package io.doppel.server.auth;

import org.jspecify.annotations.Nullable;

/**
 * Whether the server requires authentication, and how callers may prove who they are besides API keys.
 *
 * @param required every route but {@link RoutePermissions#PUBLIC_PATHS} needs credentials; false runs open (every
 *     caller is an anonymous admin: tests and the localhost demo)
 * @param adminKey a secret accepted as the admin (e.g. {@code DOPPEL_ADMIN_KEY}), or null
 * @param jwt how JWT bearer tokens are checked, or null to accept API keys only
 * @param pseudonymKey the secret personal data is pseudonymised with (e.g. {@code DOPPEL_PSEUDONYM_KEY}), or null
 *     to use the one stored under {@code <data>/auth} (generated on first start)
 * @param failureLimit after how many failed authentications a remote address is throttled
 * @param trustedProxies the reverse proxies whose forwarding headers name the client's address
 */
public record AuthConfig(boolean required, @Nullable String adminKey, @Nullable JwtConfig jwt,
    @Nullable String pseudonymKey, FailureLimit failureLimit, TrustedProxies trustedProxies) {
  public static final AuthConfig OPEN = new AuthConfig(false, null, null);

  public AuthConfig(boolean required, @Nullable String adminKey, @Nullable JwtConfig jwt) {
    this(required, adminKey, jwt, null);
  }

  public AuthConfig(boolean required, @Nullable String adminKey, @Nullable JwtConfig jwt,
      @Nullable String pseudonymKey) {
    this(required, adminKey, jwt, pseudonymKey, FailureLimit.DEFAULT);
  }

  public AuthConfig(boolean required, @Nullable String adminKey, @Nullable JwtConfig jwt,
      @Nullable String pseudonymKey, FailureLimit failureLimit) {
    this(required, adminKey, jwt, pseudonymKey, failureLimit, TrustedProxies.NONE);
  }

  public AuthConfig {
    if (pseudonymKey != null && pseudonymKey.isBlank()) {
      pseudonymKey = null;
    }
    if (pseudonymKey != null && pseudonymKey.length() < 16) {
      throw new IllegalArgumentException("the pseudonym key must be at least 16 characters");
    }
    if (adminKey != null && adminKey.isBlank()) {
      adminKey = null;
    }
    if (adminKey != null && adminKey.length() < 16) {
      throw new IllegalArgumentException("the admin key must be at least 16 characters");
    }
  }

  /** Authentication on, with an admin key (or none: then only API keys and JWTs). */
  public static AuthConfig required(@Nullable String adminKey) {
    return new AuthConfig(true, adminKey, null);
  }

  public AuthConfig withJwt(@Nullable JwtConfig config) {
    return new AuthConfig(required, adminKey, config, pseudonymKey, failureLimit, trustedProxies);
  }

  public AuthConfig withPseudonymKey(@Nullable String key) {
    return new AuthConfig(required, adminKey, jwt, key, failureLimit, trustedProxies);
  }

  public AuthConfig withTrustedProxies(TrustedProxies proxies) {
    return new AuthConfig(required, adminKey, jwt, pseudonymKey, failureLimit, proxies);
  }

  public AuthConfig withFailureLimit(FailureLimit limit) {
    return new AuthConfig(required, adminKey, jwt, pseudonymKey, limit, trustedProxies);
  }
}
