package io.doppel.server;

import io.doppel.model.Dtmi;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.AccessGuard;
import io.doppel.server.auth.EventFilter;
import io.doppel.stream.EventStream;
import io.doppel.stream.Subscription;
import io.doppel.stream.SubscriptionRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The change stream on {@code /events}: Server-Sent Events for a plain GET, a WebSocket for an upgrade request.
 * Both take the same filter parameters ({@link SubscriptionRequest}) and refuse bad ones with 400 before any
 * stream starts, and an expired cursor with 410 {@code CURSOR_EXPIRED}.
 */
final class StreamRoutes {
  static final String PATH = "/events";

  private final EventStream streams;
  private final AccessGuard guard;
  private final Function<String, @Nullable Dtmi> twinModel;
  private final Map<String, WsSubscriber> sockets = new ConcurrentHashMap<>();

  /** {@code guard} and {@code twinModel} give each subscriber's view: only the events and properties they may read. */
  StreamRoutes(EventStream streams, AccessGuard guard, Function<String, @Nullable Dtmi> twinModel) {
    this.streams = streams;
    this.guard = guard;
    this.twinModel = twinModel;
  }

  void addTo(RouteTable table) {
    table.get(PATH, this::sse);
  }

  /** WebSockets are not HTTP routes to Javalin: they are registered apart, after any auth before-upgrade handler. */
  void addWebSocketTo(RoutesConfig routes) {
    // Checked before the upgrade, so that a bad filter or an expired cursor is an HTTP error with its code.
    routes.wsBeforeUpgrade(PATH, ctx -> {
      if (!ctx.queryParamMap().isEmpty()) {
        streams.check(SubscriptionRequest.parse(ctx.queryParamMap(), null));
      }
    });
    routes.ws(PATH, ws -> {
      ws.onConnect(ctx -> {
        Access access = guard.access(ctx);
        WsSubscriber subscriber = new WsSubscriber(streams, ctx.session,
            sink -> EventFilter.wrap(sink, access, twinModel));
        sockets.put(ctx.sessionId(), subscriber);
        // Without parameters the client chooses with a subscribe message; until then nothing is sent.
        if (!ctx.queryParamMap().isEmpty()) {
          subscriber.subscribe(SubscriptionRequest.parse(ctx.queryParamMap(), null));
        }
      });
      ws.onMessage(ctx -> {
        WsSubscriber subscriber = sockets.get(ctx.sessionId());
        if (subscriber != null) {
          subscriber.onMessage(ctx.message());
        }
      });
      ws.onClose(ctx -> gone(ctx));
      ws.onError(ctx -> gone(ctx));
    });
  }

  private void gone(WsContext ctx) {
    WsSubscriber subscriber = sockets.remove(ctx.sessionId());
    if (subscriber != null) {
      subscriber.cancel();
    }
  }

  /** Runs the subscription on the request's (virtual) thread until it ends; the response is the stream. */
  private void sse(Context ctx) throws IOException {
    SubscriptionRequest request = SubscriptionRequest.parse(ctx.queryParamMap(), ctx.header("Last-Event-ID"));
    SseSink sink = new SseSink(ctx);
    Subscription subscription = streams.open(request, EventFilter.wrap(sink, AccessGuard.access(ctx), twinModel));
    try {
      sink.start();
    } catch (IOException e) {
      subscription.cancel();
      subscription.run(); // returns at once, unregistering it
      throw e;
    }
    subscription.run();
  }
}
