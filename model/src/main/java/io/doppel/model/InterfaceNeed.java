package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An Interface that building another one needs first: a base named in {@code extends}, or a Component's schema,
 * either by reference or given inline. {@link InterfaceBuilder} answers it from what is built already, or builds
 * it before going on with the Interface that asked.
 */
sealed interface InterfaceNeed {

  /** The Interface with this id, referred to by {@code owner}'s {@code property}. */
  record ById(Dtmi id, String owner, String property) implements InterfaceNeed {}

  /** An Interface given as JSON (top-level, resolved or inline), under the limits profile {@code limits}. */
  record Inline(JsonNode node, String id, int version, String source, String limits) implements InterfaceNeed {}
}
