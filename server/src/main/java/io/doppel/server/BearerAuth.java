package io.doppel.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A static bearer token in front of every route but {@code /health} (load balancers probe it unauthenticated). */
final class BearerAuth implements Handler {
  private final byte[] expected;

  BearerAuth(String token) {
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.path().equals("/health")) {
      return;
    }
    String header = ctx.header("Authorization");
    // Constant-time comparison: the token must not leak through response timing.
    if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiFailure(ApiFailure.Code.UNAUTHORIZED,
          header == null ? "missing Authorization: Bearer <token>" : "invalid bearer token");
    }
  }
}
