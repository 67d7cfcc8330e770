package io.doppel.stream.routes;

import io.doppel.stream.EventFilter;
import java.util.List;
import java.util.Map;

/**
 * A route as its owner defined it.
 *
 * @param id the route's name, unique on the server
 * @param endpoint where its events go
 * @param filter which events; the same filter as a subscription's
 * @param filterParams the filter as given (parameter name to values), shown back as it was written
 * @param options retries and bounds
 */
public record RouteDefinition(String id, Endpoint endpoint, EventFilter filter,
    Map<String, List<String>> filterParams, RouteOptions options) {}
