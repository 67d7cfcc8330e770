package io.doppel.twin;

/**
 * What a write acknowledges when the caller does not need the document back (an HTTP PATCH answers 204 with only
 * an ETag, as Azure Digital Twins does): the twin's id, its new weak ETag and the global version of the change.
 */
public record WriteResult(String id, String etag, long version) {}
