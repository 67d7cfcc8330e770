package io.doppel.server.auth;

/**
 * The right a route needs: an action and what it applies to.
 *
 * @param action what the caller does
 * @param scope where the action must be granted
 */
public record RoutePermission(Action action, Scope scope) {
  public enum Scope {
    /** On the twin named by the {@code {id}} path parameter (its model taken from the graph). */
    TWIN,
    /** On the model named by the {@code {id}} path parameter. */
    MODEL,
    /** Somewhere: the route itself filters what it returns to what the caller may see. */
    SOME,
    /** On every twin and property: routes whose answers cannot be filtered (connectors, ingestion, rules). */
    EVERY
  }

  public static RoutePermission twin(Action action) {
    return new RoutePermission(action, Scope.TWIN);
  }

  public static RoutePermission model(Action action) {
    return new RoutePermission(action, Scope.MODEL);
  }

  public static RoutePermission some(Action action) {
    return new RoutePermission(action, Scope.SOME);
  }

  public static RoutePermission every(Action action) {
    return new RoutePermission(action, Scope.EVERY);
  }

  public static final RoutePermission ADMIN = every(Action.ADMIN);
}
