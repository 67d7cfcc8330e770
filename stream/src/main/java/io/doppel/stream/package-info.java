/**
 * Change streams out: the engine's events as CloudEvents, filtered per subscriber, replayable from a cursor within a
 * bounded in-memory ring, and delivered without ever slowing the engine's writer (slow subscribers are dropped with a
 * reason). Transports (SSE, WebSocket) plug in through {@link io.doppel.stream.EventSink}; the server owns them.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.stream;
