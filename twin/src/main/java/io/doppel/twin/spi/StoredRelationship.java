package io.doppel.twin.spi;

/** A relationship as stored, keyed by (sourceId, id); {@code document} is encoded by the engine and opaque here. */
public record StoredRelationship(
    String sourceId, String id, String targetId, String name, long version, byte[] document) {}
