package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON element with an {@code @id} found in a document of the batch (or supplied by the resolver): an
 * Interface or a reusable schema. Definitions are indexed before anything is built so references may point
 * forwards and across documents.
 *
 * @param node the element's JSON object
 * @param version the DTDL version of its document
 * @param source the JSON text of its document
 * @param topLevel true when it is a top-level element of a batch document (not of a resolved one)
 * @param partition the id of the Interface that encloses it (its own id for an Interface)
 * @param limits the limits profile of its document ("" for the core limits)
 */
record Definition(Dtmi id, JsonNode node, int version, String source, boolean topLevel, String partition,
    String limits) {}
