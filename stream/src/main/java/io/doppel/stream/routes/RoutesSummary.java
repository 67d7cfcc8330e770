package io.doppel.stream.routes;

/** Every route added up, for metrics. */
public record RoutesSummary(int routes, int failing, int overflowing, long lag, long delivered, long parked,
    long dropped) {}
