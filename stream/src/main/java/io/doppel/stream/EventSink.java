package io.doppel.stream;

import java.io.IOException;

/**
 * Where a subscription's events go: the seam between the stream and a transport (SSE, WebSocket). Every method
 * but {@link #abort()} is called on the subscription's own thread, one at a time; they may block, and blocking is
 * how a slow client holds back only itself. Memory held between {@link #send} and {@link #flush} must be bounded.
 */
public interface EventSink {
  /**
   * The event as this subscriber may see it, or null to skip it; called for the events the subscription's filter
   * passes on their ids, models and type, before its {@code where} condition, so that the condition sees what the
   * subscriber would (not the hidden or personal values it is not shown). A view keeps the event's ids, models and
   * type. The event given to {@link #send} is the one returned here. The default: the event itself.
   */
  default @org.jspecify.annotations.Nullable StreamEvent view(StreamEvent event) throws IOException {
    return event;
  }

  /** Writes one event; may buffer it until {@link #flush()}. An {@link IOException} means the client is gone. */
  void send(StreamEvent event) throws IOException;

  /** Pushes buffered events out; called when the subscription has caught up with the stream. */
  void flush() throws IOException;

  /** Keeps an idle connection open through proxies and idle timeouts. */
  void heartbeat() throws IOException;

  /** Tells the client why the stream ends (when it can still be told) and closes the connection. */
  void close(CloseReason reason);

  /** Drops the connection at once, from any thread: the client did not take the close in time. */
  void abort();
}
