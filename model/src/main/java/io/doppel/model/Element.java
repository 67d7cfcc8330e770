package io.doppel.model;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every DTDL element carries besides its kind: its {@code @id} (given or generated), its supplemental
 * types (semantic types such as {@code Temperature}, extension co-types such as {@code Historized}), its
 * language-tagged display name and description, its comment, and the values of supplemental properties
 * (e.g. {@code unit}) keyed by their term or DTMI.
 */
public record Element(
    @Nullable Dtmi id,
    Set<String> supplementalTypes,
    Map<String, String> displayName,
    Map<String, String> description,
    @Nullable String comment,
    Map<String, Object> supplementalProperties) {

  public Element {
    supplementalTypes = Set.copyOf(supplementalTypes);
    displayName = Map.copyOf(displayName);
    description = Map.copyOf(description);
    supplementalProperties = Map.copyOf(supplementalProperties);
  }

  public static Element of(@Nullable Dtmi id) {
    return new Element(id, Set.of(), Map.of(), Map.of(), null, Map.of());
  }
}
