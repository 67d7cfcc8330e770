package io.doppel.server;

import io.doppel.stream.CloseReason;
import io.doppel.stream.EventSink;
import io.doppel.stream.StreamEvent;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events on the request's own response: {@code id:} is the event's cursor (what a browser's
 * EventSource sends back as {@code Last-Event-ID}), {@code data:} the CloudEvent on one line. Jetty's response
 * buffer aggregates writes until {@link #flush()}, and a blocking write is how a slow client holds back only its own
 * thread.
 */
final class SseSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(SseSink.class);
  private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  private final Context ctx;
  private @Nullable ServletOutputStream out;
  private volatile @Nullable Thread writer;

  SseSink(Context ctx) {
    this.ctx = ctx;
  }

  /** Commits the 200 and its headers, so that the client knows it is subscribed before any event arrives. */
  void start() throws IOException {
    writer = Thread.currentThread();
    ctx.status(200);
    ctx.res().setContentType("text/event-stream");
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no"); // nginx would otherwise hold events back
    out = ctx.res().getOutputStream();
    out.write(": subscribed\n\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void send(StreamEvent event) throws IOException {
    out().write(("id: " + event.version() + "\ndata: " + event.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void flush() throws IOException {
    out().flush();
  }

  @Override
  public void heartbeat() throws IOException {
    out().write(HEARTBEAT);
    out().flush();
  }

  @Override
  public void close(CloseReason reason) {
    String data = Json.MAPPER.createObjectNode().put("code", reason.kind().name()).put("message", reason.message())
        .toString();
    try {
      out().write(("event: error\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
      out().close();
    } catch (IOException e) {
      LOG.debug("could not tell an SSE client why its stream ended ({})", reason.text(), e);
    }
  }

  @Override
  public void abort() {
    try {
      ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
          .getEndPoint().close();
    } catch (RuntimeException e) {
      LOG.debug("could not close an SSE connection's endpoint; interrupting its writer", e);
      Thread t = writer;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private ServletOutputStream out() {
    ServletOutputStream o = out;
    if (o == null) {
      throw new IllegalStateException("start() first");
    }
    return o;
  }
}
