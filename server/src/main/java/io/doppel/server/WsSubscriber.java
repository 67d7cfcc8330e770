package io.doppel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.CloseReason;
import io.doppel.stream.EventSink;
import io.doppel.stream.EventStream;
import io.doppel.stream.StreamEvent;
import io.doppel.stream.Subscription;
import io.doppel.stream.SubscriptionRequest;
import io.doppel.twin.DoppelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on {@code /events}: one text message per CloudEvent, a subscription that a
 * {@code {"type":"subscribe", ...}} message may replace, and close codes that say why the server ended it
 * (1008 for a subscriber too slow or a bad request, 1011 when the stream lost events, 1001 on shutdown).
 */
final class WsSubscriber implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(WsSubscriber.class);
  /** Frames handed to Jetty and not yet written: the bound on what one connection holds beyond the ring. */
  private static final int IN_FLIGHT = 32;
  private static final int MAX_REASON_CHARS = 120;

  private final EventStream streams;
  private final Session session;
  private final ArrayDeque<Callback.Completable> inFlight = new ArrayDeque<>();
  private @Nullable Subscription current;

  private final java.util.function.UnaryOperator<EventSink> view;

  /** {@code view} wraps this sink in what the subscriber may see ({@link io.doppel.server.auth.EventFilter}). */
  WsSubscriber(EventStream streams, Session session, java.util.function.UnaryOperator<EventSink> view) {
    this.streams = streams;
    this.session = session;
    this.view = view;
  }

  /** Starts (or replaces) the subscription; a refused request closes the connection with its code. */
  synchronized void subscribe(SubscriptionRequest request) {
    Subscription previous = current;
    current = null;
    if (previous != null) {
      previous.cancel();
      try {
        if (!previous.awaitEnd(10, TimeUnit.SECONDS)) {
          abort();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    Subscription next;
    try {
      next = streams.open(request, view.apply(this));
    } catch (DoppelException e) {
      refuse(e);
      return;
    }
    current = next;
    Thread.ofVirtual().name("doppel-ws-events").start(next::run);
  }

  /** A message from the client: only subscribe messages are understood. */
  void onMessage(String text) {
    SubscriptionRequest request;
    try {
      request = SubscriptionRequest.fromMessage(Json.MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      refuse(new DoppelException(io.doppel.twin.ErrorCode.INVALID_JSON, "the message is not JSON"));
      return;
    } catch (DoppelException e) {
      refuse(e);
      return;
    }
    subscribe(request);
  }

  /**
   * A refused subscribe message: first an error frame with the whole error (a close reason holds at most 123 bytes,
   * too few for a query error's position and text), {@code {"type":"error","error":{"code","message","details"}}},
   * then the close with 1008 and the reason's start.
   */
  private void refuse(DoppelException e) {
    ObjectNode frame = Json.MAPPER.createObjectNode().put("type", "error");
    ObjectNode error = frame.putObject("error").put("code", e.code().name()).put("message", e.getMessage());
    ArrayNode details = error.putArray("details");
    for (DoppelException.Detail d : e.details()) {
      details.addObject().put("code", d.code()).put("message", d.message()).put("target", d.target());
    }
    Callback.Completable sent = new Callback.Completable();
    session.sendText(frame.toString(), sent);
    sent.whenComplete((ok, failed) ->
        session.close(1008, reason(e.code().name() + ": " + e.getMessage()), Callback.NOOP));
  }

  synchronized void cancel() {
    if (current != null) {
      current.cancel();
    }
  }

  @Override
  public void send(StreamEvent event) throws IOException {
    if (inFlight.size() >= IN_FLIGHT) {
      await(inFlight.poll());
    }
    Callback.Completable sent = new Callback.Completable();
    session.sendText(event.json(), sent);
    inFlight.add(sent);
  }

  @Override
  public void flush() throws IOException {
    Callback.Completable c;
    while ((c = inFlight.poll()) != null) {
      await(c);
    }
  }

  @Override
  public void heartbeat() throws IOException {
    Callback.Completable ping = new Callback.Completable();
    session.sendPing(ByteBuffer.allocate(0), ping);
    await(ping);
  }

  @Override
  public void close(CloseReason why) {
    try {
      flush();
    } catch (IOException e) {
      LOG.debug("WebSocket client gone before its close ({})", why.text(), e);
      return;
    }
    int code = switch (why.kind()) {
      case SUBSCRIBER_TOO_SLOW -> 1008;
      case STREAM_OVERLOADED -> 1011;
      case SERVER_SHUTTING_DOWN -> 1001;
      case CLIENT_CLOSED -> 1000;
    };
    session.close(code, reason(why.text()), Callback.NOOP);
  }

  @Override
  public void abort() {
    session.disconnect();
  }

  private static void await(Callback.Completable c) throws IOException {
    try {
      c.get();
    } catch (ExecutionException e) {
      throw new IOException("WebSocket send failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending", e);
    }
  }

  /** ASCII only and short: a close reason is at most 123 bytes of UTF-8. */
  private static String reason(String text) {
    String ascii = text.replaceAll("[^\\x20-\\x7e]", "?");
    return ascii.length() <= MAX_REASON_CHARS ? ascii : ascii.substring(0, MAX_REASON_CHARS - 3) + "...";
  }
}
