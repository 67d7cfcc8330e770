package io.doppel.server.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How JWT bearer tokens are checked: whose keys sign them (exactly one of a JWKS URL, a JWKS file or a PEM public
 * key), the issuer and audience they must name, which claim carries the caller's roles (a dotted path such as
 * {@code realm_access.roles} reaches into nested objects), and the clock skew tolerated on {@code exp}/{@code nbf}.
 * {@code tenantClaim} (a dotted path too) names the claim carrying the caller's tenant; without it every token's
 * caller is in the default tenant. A token lacking the claim gets {@code defaultTenant}, or is refused when that is
 * null.
 */
public record JwtConfig(String issuer, String audience, @Nullable URI jwksUrl, @Nullable Path jwksFile,
    @Nullable Path pemKey, String rolesClaim, Duration clockSkew, @Nullable String tenantClaim,
    @Nullable String defaultTenant) {
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

  public JwtConfig {
    if (issuer.isBlank() || audience.isBlank()) {
      throw new IllegalArgumentException("a JWT configuration needs the issuer and the audience");
    }
    int sources = (jwksUrl == null ? 0 : 1) + (jwksFile == null ? 0 : 1) + (pemKey == null ? 0 : 1);
    if (sources != 1) {
      throw new IllegalArgumentException("give exactly one of the JWKS URL, the JWKS file or the PEM key");
    }
    if (rolesClaim.isBlank()) {
      rolesClaim = "roles";
    }
    if (tenantClaim != null && tenantClaim.isBlank()) {
      tenantClaim = null;
    }
    if (defaultTenant != null && (defaultTenant.isBlank() || !TenantName.valid(defaultTenant))) {
      throw new IllegalArgumentException("the default tenant for JWTs must be a tenant name ([a-z0-9][a-z0-9-]*)");
    }
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("the clock skew cannot be negative");
    }
  }

  /** Without a tenant claim: every token's caller is in the default tenant. */
  public JwtConfig(String issuer, String audience, @Nullable URI jwksUrl, @Nullable Path jwksFile,
      @Nullable Path pemKey, String rolesClaim, Duration clockSkew) {
    this(issuer, audience, jwksUrl, jwksFile, pemKey, rolesClaim, clockSkew, null, null);
  }

  public JwtConfig withTenantClaim(@Nullable String claim, @Nullable String fallback) {
    return new JwtConfig(issuer, audience, jwksUrl, jwksFile, pemKey, rolesClaim, clockSkew, claim, fallback);
  }
}
