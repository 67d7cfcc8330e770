package io.doppel.stream.routes;

/** A route's definition with its current status, as the API shows it. */
public record RouteView(RouteDefinition definition, RouteStatus status) {}
