package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A twin as read or written: its id, weak ETag, the global version of its last change, and its ADT-shaped JSON
 * ({@code $dtId}, {@code $etag}, {@code $metadata}, properties and components). The JSON is a fresh copy each time.
 */
public record TwinView(String id, String etag, long version, ObjectNode json) {}
