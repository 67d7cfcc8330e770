package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import org.jspecify.annotations.Nullable;

/**
 * A twin in memory: a small header plus its Smile-encoded document (without {@code $etag}, which derives from
 * {@code version}). Identity matters: the sequencer compares states by reference to detect concurrent changes.
 *
 * @param validatedAgainst the model instance this document was last validated against as a whole, or
 *     {@code null} when unknown (loaded from the store): while it is still the uploaded model, a patch needs to
 *     validate only the members it writes (models never change in place; a deleted and re-uploaded model is a new
 *     instance)
 */
record TwinState(String id, Dtmi model, long version, byte[] document, @Nullable InterfaceModel validatedAgainst) {
  ObjectNode json() {
    return Etags.withEtag(TwinCodec.decode(document), "$dtId", Etags.of(version));
  }
}
