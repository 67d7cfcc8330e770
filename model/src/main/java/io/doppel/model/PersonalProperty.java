package io.doppel.model;

import org.jspecify.annotations.Nullable;

/**
 * One property of a twin that holds personal data.
 *
 * @param component the Component it belongs to, or null for a top-level property
 * @param name the property's name (within the Component when there is one)
 * @param treatment what callers without the right to see personal data get instead of the value
 * @param definedIn the Interface that declares the property (an ancestor, or the Component's Interface)
 */
public record PersonalProperty(@Nullable String component, String name, PersonalTreatment treatment,
    Dtmi definedIn) {

  /** The property's path in a twin document: {@code name}, or {@code component.name}. */
  public String path() {
    return component == null ? name : component + "." + name;
  }
}
