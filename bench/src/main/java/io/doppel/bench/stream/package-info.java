/** Change-stream latency: from just before a durable write is submitted to its CloudEvent arriving over WebSocket. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.stream;
