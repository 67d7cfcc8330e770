package io.doppel.model;

import java.util.Optional;

/**
 * Supplies the JSON text of models a batch refers to but does not contain (those already uploaded).
 * Like DTDLParser's DTMI resolver, it is asked only for identifiers the batch leaves undefined.
 */
@FunctionalInterface
public interface ModelResolver {
  Optional<String> resolve(Dtmi id);

  static ModelResolver none() {
    return id -> Optional.empty();
  }
}
