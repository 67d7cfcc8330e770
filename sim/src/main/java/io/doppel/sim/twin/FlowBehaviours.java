package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.network.CircuitBreaker;
import io.doppel.sim.network.Route;
import org.jspecify.annotations.Nullable;

/**
 * A flow relationship's call properties as the route's behaviour: {@code TransportDelay} a fixed delay in transit,
 * {@code Timeout} the caller's timeout on the call, {@code RetryLimit} retries of a failed or timed-out call after
 * {@code RetryBackoff}, {@code BreakerThreshold} a circuit breaker opening on that failure fraction of the last
 * {@code BreakerWindow} calls for {@code BreakerOpenDuration}. Every rejection names the relationship and property
 * ({@code relationships[api-db].retries: ...}).
 */
final class FlowBehaviours {
  /** Defaults for a relationship that does not say: pause before a retry, seconds. */
  static final double RETRY_BACKOFF = 0.1;
  /** The breaker judges the last this many calls, and stays open this many seconds before it tries again. */
  static final int BREAKER_CALLS = 20;
  static final double BREAKER_OPEN_FOR = 30;

  private FlowBehaviours() {}

  static Route apply(SimSchema.@Nullable Flow schema, SimFlowEdge flow, Route route) {
    if (schema == null) {
      return route;
    }
    String at = "relationships[" + flow.id() + "]";
    Double delay = value(schema, flow, at, SimVocabulary.TRANSPORT_DELAY);
    if (delay != null) {
      route = route.withDelay(Distribution.deterministic(Invalid.nonNegative(at + "." + name(schema,
          SimVocabulary.TRANSPORT_DELAY), delay)));
    }
    Double timeout = value(schema, flow, at, SimVocabulary.TIMEOUT);
    if (timeout != null) {
      route = route.withTimeout(Invalid.positive(at + "." + name(schema, SimVocabulary.TIMEOUT), timeout));
    }
    Double retries = value(schema, flow, at, SimVocabulary.RETRY_LIMIT);
    if (retries != null) {
      if (!(retries >= 0 && retries <= 1000) || retries != Math.rint(retries)) {
        throw Invalid.field(at + "." + name(schema, SimVocabulary.RETRY_LIMIT), "must be an integer in [0, 1000],"
            + " was " + retries);
      }
      Double backoff = value(schema, flow, at, SimVocabulary.RETRY_BACKOFF);
      route = route.withRetries(retries.intValue(), Distribution.deterministic(backoff == null ? RETRY_BACKOFF
          : Invalid.nonNegative(at + "." + name(schema, SimVocabulary.RETRY_BACKOFF), backoff)));
    }
    Double threshold = value(schema, flow, at, SimVocabulary.BREAKER_THRESHOLD);
    if (threshold != null) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw Invalid.field(at + "." + name(schema, SimVocabulary.BREAKER_THRESHOLD), "must be a failure fraction"
            + " in (0, 1], was " + threshold);
      }
      Double window = value(schema, flow, at, SimVocabulary.BREAKER_WINDOW);
      if (window != null && (!(window >= 1 && window <= 100_000) || window != Math.rint(window))) {
        throw Invalid.field(at + "." + name(schema, SimVocabulary.BREAKER_WINDOW), "must be a number of calls, an"
            + " integer in [1, 100000], was " + window);
      }
      Double openFor = value(schema, flow, at, SimVocabulary.BREAKER_OPEN_DURATION);
      route = route.withBreaker(CircuitBreaker.afterFailureRatio(threshold,
          window == null ? BREAKER_CALLS : window.intValue(), openFor == null ? BREAKER_OPEN_FOR
              : Invalid.positive(at + "." + name(schema, SimVocabulary.BREAKER_OPEN_DURATION), openFor)));
    }
    return route;
  }

  private static String name(SimSchema.Flow schema, String meaning) {
    SimSchema.Field f = schema.field(meaning);
    return f == null ? meaning : f.name();
  }

  /** A numeric meaning in seconds where the property has a time unit; null if absent. */
  private static @Nullable Double value(SimSchema.Flow schema, SimFlowEdge flow, String at, String meaning) {
    SimSchema.Field f = schema.field(meaning);
    if (f == null) {
      return null;
    }
    JsonNode v = SimGraph.value(flow.properties(), f.name());
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw Invalid.field(at + "." + f.name(), "must be a number, was " + v);
    }
    return v.asDouble() * f.secondsPerUnit();
  }
}
