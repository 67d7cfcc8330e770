/**
 * The storage SPI of the history: chunks of encoded points keyed by series and start time, appended to and replaced
 * in atomic, durable batches. The history owns the encoding; a store only keeps bytes in key order.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.history.spi;
