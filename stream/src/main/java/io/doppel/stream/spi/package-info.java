/**
 * The event routes' storage SPI: route definitions and each route's outbox of events waiting for delivery, with its
 * parked letters. A storage backend ({@code store-rocksdb}) implements it without seeing the routes' internals.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.stream.spi;
