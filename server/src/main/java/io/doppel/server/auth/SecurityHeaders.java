package io.doppel.server.auth;

import io.javalin.http.Context;

/**
 * Headers every answer carries, errors included: no MIME sniffing, no framing (clickjacking), no referrer leaking
 * twin ids to other sites, and a CSP that allows only the server's own scripts (the web UI is plain ES modules with
 * no inline script; inline styles are allowed because the chart and graph libraries position elements with them).
 * No CORS headers are sent at all: browsers on other origins cannot read the API.
 */
public final class SecurityHeaders {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", CSP);
  }
}
