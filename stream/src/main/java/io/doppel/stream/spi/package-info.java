/**
 * The storage SPIs of streams: rule definitions ({@link io.doppel.stream.spi.RuleStore}), and the event routes'
 * definitions and each route's outbox of events waiting for delivery, with its parked letters
 * ({@link io.doppel.stream.spi.RouteOutbox}). A storage backend ({@code store-rocksdb}) implements them without
 * seeing the internals.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.stream.spi;
