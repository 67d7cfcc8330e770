package io.doppel.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The body of a refused request (401, 413, 429, 507, ...), read and thrown away before the refusal is sent. A
 * server that answers and closes while the client is still writing its body makes the client fail with a broken
 * pipe or a reset before it reads the answer, so the client never learns why (and a 429's {@code Retry-After} is
 * lost). Draining is bounded: past {@link #LIMIT} the server answers and closes the connection anyway, which such a
 * client may then see as a failed write. A client that sent {@code Expect: 100-continue} is not drained: nobody read
 * its body, so Jetty sent no {@code 100 Continue} and the client sent no body; it reads the refusal at once.
 */
final class RefusedBody {
  /** The most of a refused body the server reads to let its client hear the answer. */
  static final long LIMIT = 16L * 1024 * 1024;

  private RefusedBody() {}

  /** An after-handler: once a request is refused, discards what is left of its body, up to {@link #LIMIT}. */
  static void drain(Context ctx) {
    if (ctx.statusCode() < 400 || expectsContinue(ctx)) {
      return;
    }
    long declared = ctx.contentLength();
    if (declared == 0 || (declared < 0 && ctx.header("Transfer-Encoding") == null)) {
      return; // no body
    }
    if (declared > LIMIT) {
      ctx.header("Connection", "close"); // too much to read: answer at once, the connection cannot be reused
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] sink = new byte[16 * 1024];
      long read = 0;
      for (int n; read <= LIMIT && (n = in.read(sink)) >= 0; ) {
        read += n;
      }
      if (read > LIMIT) {
        ctx.header("Connection", "close");
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away, or the body was already taken as a reader: there is nothing left to drain
      ctx.header("Connection", "close");
    }
  }

  private static boolean expectsContinue(Context ctx) {
    String expect = ctx.header("Expect");
    return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue");
  }
}
