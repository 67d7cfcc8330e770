package io.doppel.twin.spi;

/**
 * A twin as stored: its id, its model's DTMI, the global version of its last change, and its document encoded by
 * the engine (opaque to stores; see {@code io.doppel.twin.TwinCodec}).
 */
public record StoredTwin(String id, String model, long version, byte[] document) {}
