package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which top-level elements have layers, and which properties of a merged element only a layer supplied. DTDLParser judges such a property against the
 * element the layer extends rather than as a term of the layer's own document, so an undefined one is reported
 * as "no type allows it" without the term diagnosis a base element gets.
 */
final class LayerOrigins {
  private final Map<JsonNode, Set<String>> keys = new IdentityHashMap<>();
  private final Set<JsonNode> layered = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Marks a top-level element that has layers (the base on its own, or the merge). */
  void markLayered(JsonNode element) {
    layered.add(element);
  }

  /**
   * Whether a top-level element has layers. DTDLParser checks the supplemental properties such an element's
   * semantic types require layer by layer ({@link LayerChecks}), not on the whole.
   */
  boolean isLayered(JsonNode element) {
    return layered.contains(element);
  }

  void record(JsonNode merged, String key) {
    keys.computeIfAbsent(merged, k -> new HashSet<>()).add(key);
  }

  boolean fromLayer(JsonNode merged, String key) {
    Set<String> own = keys.get(merged);
    return own != null && own.contains(key);
  }
}
