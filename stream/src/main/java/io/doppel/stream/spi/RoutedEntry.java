package io.doppel.stream.spi;

/** An entry for the outbox of route {@code routeId}. */
public record RoutedEntry(String routeId, OutboxEntry entry) {}
