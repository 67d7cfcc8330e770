package io.doppel.server;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A response written as it is produced (chunked), through a bounded buffer, never built whole in memory: exports of
 * long ranges and large query results. Everything that can be refused must be checked before {@link #write}.
 */
final class StreamedBody {
  /** Writes the body; may throw once output has started, which then cuts the response short. */
  @FunctionalInterface
  interface Body {
    void writeTo(Writer out) throws IOException;
  }

  private static final int BUFFER = 64 * 1024;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamedBody.class);

  private StreamedBody() {}

  static void write(Context ctx, String contentType, Body body) {
    ctx.res().setStatus(200);
    ctx.res().setContentType(contentType);
    ctx.res().setHeader("Cache-Control", "no-store");
    try {
      Writer out = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8),
          BUFFER);
      body.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away during an export", e);
    } catch (RuntimeException e) {
      if (!ctx.res().isCommitted()) {
        ctx.res().resetBuffer(); // nothing has gone out: the error is answered as any other
        throw e;
      }
      // Half a body is out with a 200: end the connection without the last chunk, so that the client sees an
      // incomplete response rather than a short export that looks whole (or an error document glued to it).
      LOG.error("export failed after {} began; the response is cut short", ctx.path(), e);
      org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel()
          .abort(e);
    }
  }
}
