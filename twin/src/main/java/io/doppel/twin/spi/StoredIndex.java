package io.doppel.twin.spi;

/**
 * A property index definition as stored: its path ({@code property} or {@code component.property}). Only the
 * definition is durable; the engine rebuilds the index's contents from the twins when it loads.
 */
public record StoredIndex(String path) {}
