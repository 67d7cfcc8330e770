package io.doppel.history.spi;

/**
 * A chunk as stored: the time of its first point (epoch milliseconds, also its key) and its bytes, which are one or
 * more encoded segments appended one after another. The array is the caller's to read, never to change.
 */
public record StoredChunk(long start, byte[] data) {}
