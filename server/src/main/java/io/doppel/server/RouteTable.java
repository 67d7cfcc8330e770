package io.doppel.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the API in one list, so that the same list feeds Javalin, the metrics' route tag and the test that
 * checks {@code /openapi.json} documents each one.
 */
final class RouteTable {
  static final String ROUTE_ATTRIBUTE = "doppel.route";

  /** One route: method, Javalin path template (e.g. {@code /digitaltwins/{id}}) and handler. */
  record Route(HandlerType method, String path, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final java.util.Map<String, Handler> byRoute = new java.util.HashMap<>();

  RouteTable get(String path, Handler handler) {
    return add(HandlerType.GET, path, handler);
  }

  RouteTable post(String path, Handler handler) {
    return add(HandlerType.POST, path, handler);
  }

  RouteTable put(String path, Handler handler) {
    return add(HandlerType.PUT, path, handler);
  }

  RouteTable patch(String path, Handler handler) {
    return add(HandlerType.PATCH, path, handler);
  }

  RouteTable delete(String path, Handler handler) {
    return add(HandlerType.DELETE, path, handler);
  }

  private RouteTable add(HandlerType method, String path, Handler handler) {
    routes.add(new Route(method, path, handler));
    byRoute.put(method + " " + path, handler);
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The handler of a route as added, or null when this table has no such route. */
  @org.jspecify.annotations.Nullable Handler handler(HandlerType method, String path) {
    return byRoute.get(method + " " + path);
  }

  /** Registers every route; each handler first records its template for metrics (no reflection on Javalin). */
  void registerOn(RoutesConfig config) {
    for (Route route : routes) {
      String template = route.path();
      Handler inner = route.handler();
      config.addHttpHandler(route.method(), template, ctx -> {
        ctx.attribute(ROUTE_ATTRIBUTE, template);
        inner.handle(ctx);
      });
    }
  }

  /**
   * Registers this table's templates once, each running the same route of the table {@code tableOf} picks for the
   * request (the caller's tenant's): a handler only ever sees its own tenant's services. Every table picked must
   * hold the same routes as this one (each tenant builds its table with the same code).
   */
  void registerDispatchedOn(RoutesConfig config, java.util.function.Function<io.javalin.http.Context, RouteTable>
      tableOf) {
    for (Route route : routes) {
      String template = route.path();
      HandlerType method = route.method();
      config.addHttpHandler(method, template, ctx -> {
        ctx.attribute(ROUTE_ATTRIBUTE, template);
        Handler inner = tableOf.apply(ctx).handler(method, template);
        if (inner == null) {
          throw new IllegalStateException("the tenant's routes lack " + method + " " + template);
        }
        inner.handle(ctx);
      });
    }
  }
}
