package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A relationship as read or written; {@code json} is ADT's shape: {@code $relationshipId}, {@code $etag},
 * {@code $sourceId}, {@code $targetId}, {@code $relationshipName} and the relationship's properties.
 */
public record RelationshipView(String id, String sourceId, String targetId, String name, String etag, ObjectNode json) {}
