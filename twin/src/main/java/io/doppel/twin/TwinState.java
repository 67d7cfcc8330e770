package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;

/**
 * A twin in memory: a small header plus its Smile-encoded document (without {@code $etag}, which derives from
 * {@code version}). Identity matters: the sequencer compares states by reference to detect concurrent changes.
 */
record TwinState(String id, Dtmi model, long version, byte[] document) {
  ObjectNode json() {
    return Etags.withEtag(TwinCodec.decode(document), "$dtId", Etags.of(version));
  }
}
