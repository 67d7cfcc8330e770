package io.doppel.twin;

/** A relationship pointing at a twin, as ADT lists them: its id, source, name and a link to the full resource. */
public record IncomingRelationship(
    String relationshipId, String sourceId, String relationshipName, String relationshipLink) {}
