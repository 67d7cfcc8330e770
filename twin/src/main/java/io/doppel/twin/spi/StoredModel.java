package io.doppel.twin.spi;

/**
 * A model as stored: its DTMI, the DTDL JSON text of the document that defined it (as uploaded), whether it is
 * decommissioned and its upload time in epoch milliseconds.
 */
public record StoredModel(String id, String source, boolean decommissioned, long uploadTimeMillis) {}
