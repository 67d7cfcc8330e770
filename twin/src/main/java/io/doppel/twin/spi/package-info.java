/** The storage SPI of the twin engine: what a durable backend must load at start and commit atomically. */
@org.jspecify.annotations.NullMarked
package io.doppel.twin.spi;
