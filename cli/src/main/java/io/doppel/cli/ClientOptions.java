package io.doppel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server is and how to talk to it; shared by every client command. */
final class ClientOptions {
  @Option(names = "--url", defaultValue = "${env:DOPPEL_URL:-http://localhost:8080}",
      description = "Server URL (env DOPPEL_URL). Default: ${DEFAULT-VALUE}")
  String url;

  @Option(names = "--api-key", defaultValue = "${env:DOPPEL_API_KEY}",
      description = "API key (or JWT) sent as the bearer token (env DOPPEL_API_KEY).")
  String apiKey;

  @Option(names = "--token", defaultValue = "${env:DOPPEL_TOKEN}",
      description = "Bearer token of a server started with --token (env DOPPEL_TOKEN); --api-key wins.")
  String token;

  /** What goes after {@code Authorization: Bearer}, or null for nothing. */
  @org.jspecify.annotations.Nullable String bearer() {
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.trim();
    }
    return token == null || token.isBlank() ? null : token.trim();
  }

  @Option(names = "--tenant", defaultValue = "${env:DOPPEL_TENANT}",
      description = "Work in this tenant (sent as Doppel-Tenant; platform admins only; env DOPPEL_TENANT).")
  String tenant;

  /** Adds the caller's headers (bearer token, tenant) to a request. */
  void authorize(java.net.http.HttpRequest.Builder request) {
    String token = bearer();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (tenant != null && !tenant.isBlank()) {
      request.header("Doppel-Tenant", tenant.trim());
    }
  }

  @Option(names = "--cacert", defaultValue = "${env:DOPPEL_CACERT}",
      description = "PEM file of the certificates to trust for https (e.g. a self-signed server's; env DOPPEL_CACERT).")
  Path cacert;

  @Option(names = "--compact", description = "Print JSON on one line instead of pretty.")
  boolean compact;
}
