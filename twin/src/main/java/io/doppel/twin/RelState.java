package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A relationship in memory: header fields plus its Smile-encoded document (without {@code $etag}). */
record RelState(String sourceId, String id, String targetId, String name, long version, byte[] document) {
  ObjectNode json() {
    return Etags.withEtag(TwinCodec.decode(document), "$relationshipId", Etags.of(version));
  }

  RelationshipView view() {
    ObjectNode json = json();
    return new RelationshipView(id, sourceId, targetId, name, json.get("$etag").asText(), json);
  }
}
