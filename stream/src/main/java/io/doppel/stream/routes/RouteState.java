package io.doppel.stream.routes;

import java.util.Locale;

/** How a route is doing, most pressing first. The names (lower case) are API: never rename one. */
public enum RouteState {
  /** Its owner paused it: events are kept, nothing is sent. */
  PAUSED,
  /** Its outbox is full: new events are not kept until the endpoint catches up. */
  OVERFLOWING,
  /** At least {@code failingAfter} attempts in a row failed; events are kept and retried. */
  FAILING,
  /** The last attempt failed; retrying with backoff. */
  RETRYING,
  /** The last attempt (if any) succeeded. */
  HEALTHY;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
