package io.doppel.stream.spi;

/**
 * One event waiting in a route's outbox.
 *
 * @param version the engine version of the change (the CloudEvent {@code id}): unique and increasing, so it orders
 *     a route's outbox and names an entry
 * @param key what per-key order and partitioning follow: the twin id (a relationship event's source twin, a model
 *     event's DTMI)
 * @param type the CloudEvent {@code type}
 * @param payload the CloudEvent, JSON
 */
public record OutboxEntry(long version, String key, String type, String payload) {}
