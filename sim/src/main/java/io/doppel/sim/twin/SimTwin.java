package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A simulation-relevant twin in an editable graph: its id, what its model means, and its own property values. */
public record SimTwin(String id, SimSchema schema, ObjectNode properties) {
  public SimRole role() {
    return java.util.Objects.requireNonNull(schema.role());
  }
}
