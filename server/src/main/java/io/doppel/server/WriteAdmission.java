package io.doppel.server;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.WriteBudget;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;

/**
 * Load shedding for HTTP writes: a write request takes a place in the server's {@link WriteBudget} before its body
 * is read, and gives it back when the exchange is over (answered, failed, or the client gone — Jetty's completion
 * listener, not the response path, so a place cannot leak). With no place the request is answered 429
 * {@code OVERLOADED} with {@code Retry-After} at once and its body is discarded unparsed. Reads, queries,
 * {@code /health} and {@code /metrics} never come here.
 */
final class WriteAdmission {
  /** The places an admitted request holds (its own, and an ingest batch's other messages), given back at its end. */
  private static final String HELD = "doppel.admission.held";
  /** Set on a request refused for load. */
  private static final String SHED = "doppel.admission.shed";

  private final WriteBudget budget;

  WriteAdmission(WriteBudget budget) {
    this.budget = budget;
  }

  WriteBudget budget() {
    return budget;
  }

  /** A before-handler: admits or refuses the write routes, lets everything else through. */
  void check(Context ctx) {
    if (!isWrite(ctx.method(), ctx.path())) {
      return;
    }
    if (!budget.tryAcquire(1)) {
      refuse(ctx);
      return;
    }
    Request core = ServletContextRequest.getServletContextRequest(ctx.req());
    if (core == null) {
      budget.release(1); // not served by Jetty's servlet layer: nothing would tell us the end, so do not count it
      return;
    }
    // the holder, not the request's attributes, is read at the end: Jetty may have recycled the request by then
    java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger(1);
    ctx.attribute(HELD, held);
    Request.addCompletionListener(core, failure -> budget.release(held.getAndSet(0)));
  }

  /**
   * Answers a write that does not fit, from the before-handler: under a flood most requests end here, so a refusal
   * must cost far less than a write. No exception (filling in a stack trace through Jetty's and Javalin's frames
   * would be most of its cost), no handler after it, the small body drained so that the connection stays open for
   * the client's retry.
   */
  private void refuse(Context ctx) {
    int seconds = budget.retryAfterSeconds();
    ctx.header("Retry-After", Integer.toString(seconds));
    ctx.attribute(SHED, Boolean.TRUE);
    ErrorMapping.write(ctx, 429, ErrorCode.OVERLOADED.name(), message(seconds), detail(seconds));
    RefusedBody.drain(ctx);
    ctx.skipRemainingHandlers();
  }

  /** Whether this request was refused for load ({@link #refuse}): nothing of it was done. */
  static boolean shed(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(SHED));
  }

  /** The 429 for a write found not to fit after it was admitted (an ingest batch): thrown by its handler. */
  DoppelException overloaded(Context ctx) {
    int seconds = budget.retryAfterSeconds();
    ctx.header("Retry-After", Integer.toString(seconds));
    return new DoppelException(ErrorCode.OVERLOADED, message(seconds), detail(seconds));
  }

  private String message(int retryAfterSeconds) {
    return "the server has " + budget.pending() + " writes waiting to become durable (limit " + budget.limit()
        + "); retry after " + retryAfterSeconds + " s";
  }

  private static java.util.List<DoppelException.Detail> detail(int retryAfterSeconds) {
    return java.util.List.of(new DoppelException.Detail(ErrorCode.OVERLOADED.name(), "Retry-After",
        Integer.toString(retryAfterSeconds)));
  }

  /**
   * Takes {@code n} more places for a request admitted already (an ingest batch's messages past its first), given
   * back with its own; false, taking none, when they do not fit.
   */
  boolean tryMore(Context ctx, int n) {
    if (n < 1 || !(ctx.attribute(HELD) instanceof java.util.concurrent.atomic.AtomicInteger held)) {
      return true; // nothing more to take, or the request was not counted (not a write route)
    }
    if (!budget.tryAcquire(n, held.get())) {
      return false;
    }
    held.addAndGet(n);
    return true;
  }

  /** Writes that queue behind the durable apply: twins, components, relationships, telemetry, ingestion. */
  static boolean isWrite(HandlerType method, String path) {
    if (path.equals("/ingest") || path.equals("/ingest/batch")) {
      return method == HandlerType.POST;
    }
    if (!path.startsWith("/digitaltwins/")) {
      return false;
    }
    if (method == HandlerType.PUT || method == HandlerType.PATCH || method == HandlerType.DELETE) {
      return true;
    }
    return method == HandlerType.POST && path.endsWith("/telemetry");
  }
}
