package io.doppel.generator;

import java.net.http.HttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * How the generator's HTTP requests reach the server: the bearer token (an API key, a JWT or the admin key) and
 * the tenant they work in ({@code Doppel-Tenant}, which only a platform admin may send; null: the key's own).
 */
public record ServerAccess(@Nullable String token, @Nullable String tenant) {
  public static final String TENANT_HEADER = "Doppel-Tenant";

  public ServerAccess {
    token = token == null || token.isBlank() ? null : token.trim();
    tenant = tenant == null || tenant.isBlank() ? null : tenant.trim();
  }

  /** The key's own tenant. */
  public static ServerAccess of(@Nullable String token) {
    return new ServerAccess(token, null);
  }

  HttpRequest.Builder addTo(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (tenant != null) {
      request.header(TENANT_HEADER, tenant);
    }
    return request;
  }
}
