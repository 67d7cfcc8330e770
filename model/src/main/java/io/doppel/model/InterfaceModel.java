package io.doppel.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resolved DTDL Interface.
 *
 * @param id its DTMI
 * @param dtdlVersion the language version of the document that defined it (2, 3 or 4)
 * @param bases the Interfaces it {@code extends} directly, in order
 * @param ancestors every Interface it extends, directly or not (never itself)
 * @param contents every content by name, inherited ones included (declaration order: bases first)
 * @param element its id, display name, description, comment and supplemental types
 * @param source the JSON text of the top-level document that defined it, as uploaded
 */
public record InterfaceModel(
    Dtmi id,
    int dtdlVersion,
    List<Dtmi> bases,
    Set<Dtmi> ancestors,
    Map<String, Content> contents,
    Element element,
    String source) {

  public InterfaceModel {
    bases = List.copyOf(bases);
    // Shared with the bases' ancestries, not copied: copying each one makes an extends chain cost its square.
    ancestors = Ancestry.from(ancestors);
    contents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contents));
  }

  public Optional<Content> content(String name) {
    return Optional.ofNullable(contents.get(name));
  }

  /** True when this Interface is {@code other} or extends it, directly or not. */
  public boolean isA(Dtmi other) {
    return id.equals(other) || ancestors.contains(other);
  }
}
