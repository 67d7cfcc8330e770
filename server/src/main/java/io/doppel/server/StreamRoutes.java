package io.doppel.server;

import io.doppel.model.Dtmi;
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
 * One tenant's change stream on {@code /events}: Server-Sent Events for a plain GET, a WebSocket for an upgrade
 * request. Both take the same filter parameters ({@link SubscriptionRequest}) and refuse bad ones with 400 before
 * any stream starts, and an expired cursor with 410 {@code CURSOR_EXPIRED}.
 */
final class StreamRoutes {
  static final String PATH = "/events";

  private final EventStream streams;
  private final Function<String, @Nullable Dtmi> twinModel;

  /** {@code twinModel} gives each subscriber's view: only the events and properties they may read. */
  StreamRoutes(EventStream streams, Function<String, @Nullable Dtmi> twinModel) {
    this.streams = streams;
    this.twinModel = twinModel;
  }

  void addTo(RouteTable table) {
    table.get(PATH, this::sse);
  }

  /**
   * WebSockets are not HTTP routes to Javalin: they are registered apart, once for every tenant, after the guard's
   * before-upgrade check. Each socket is served by the stream of the tenant its caller works in.
   */
  static void addWebSocketTo(RoutesConfig routes, AccessGuard guard, Function<String, StreamRoutes> tenantStreams) {
    Map<String, WsSubscriber> sockets = new ConcurrentHashMap<>();
    // Checked before the upgrade, so that a bad filter or an expired cursor is an HTTP error with its code.
    routes.wsBeforeUpgrade(PATH, ctx -> {
      if (!ctx.queryParamMap().isEmpty()) {
        tenantStreams.apply(AccessGuard.tenant(ctx)).streams.check(SubscriptionRequest.parse(ctx.queryParamMap(),
            null));
      }
    });
    routes.ws(PATH, ws -> {
      ws.onConnect(ctx -> {
        AccessGuard.Caller caller = guard.caller(ctx);
        StreamRoutes tenant = tenantStreams.apply(caller.tenant());
        WsSubscriber subscriber = new WsSubscriber(tenant.streams, ctx.session,
            sink -> EventFilter.wrap(sink, caller.access(), tenant.twinModel));
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
      ws.onClose(ctx -> gone(sockets, ctx));
      ws.onError(ctx -> gone(sockets, ctx));
    });
  }

  private static void gone(Map<String, WsSubscriber> sockets, WsContext ctx) {
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
