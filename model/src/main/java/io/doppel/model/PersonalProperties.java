package io.doppel.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The properties of one model that hold personal data, inherited ones and those of its Components included, as
 * the twin documents of that model lay them out: top-level properties by name, Component properties by Component
 * and name.
 */
public final class PersonalProperties {
  public static final PersonalProperties NONE = new PersonalProperties(List.of());

  private final List<PersonalProperty> all;
  private final Map<String, PersonalTreatment> topLevel = new HashMap<>();
  private final Map<String, Map<String, PersonalTreatment>> byComponent = new HashMap<>();

  private PersonalProperties(List<PersonalProperty> all) {
    this.all = List.copyOf(all);
    for (PersonalProperty p : all) {
      if (p.component() == null) {
        topLevel.put(p.name(), p.treatment());
      } else {
        byComponent.computeIfAbsent(p.component(), c -> new HashMap<>()).put(p.name(), p.treatment());
      }
    }
  }

  /**
   * Reads the marks of {@code model}; a Component whose Interface the catalog does not hold contributes nothing
   * (twins of such a model cannot be created either).
   */
  static PersonalProperties of(InterfaceModel model, ModelCatalog catalog) {
    List<PersonalProperty> found = new ArrayList<>();
    for (Content content : model.contents().values()) {
      switch (content) {
        case Content.Property p -> add(found, null, p);
        case Content.Component c -> catalog.get(c.schema()).ifPresent(inner -> inner.contents().values().forEach(
            member -> {
              if (member instanceof Content.Property p) {
                add(found, c.name(), p);
              }
            }));
        default -> { }
      }
    }
    return found.isEmpty() ? NONE : new PersonalProperties(found);
  }

  private static void add(List<PersonalProperty> found, @Nullable String component, Content.Property p) {
    PersonalTreatment treatment = PersonalTreatment.of(p.element());
    if (treatment != null) {
      found.add(new PersonalProperty(component, p.name(), treatment, p.definedIn()));
    }
  }

  /** Every personal property, in the model's content order (a Component's members where the Component is). */
  public List<PersonalProperty> all() {
    return all;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The treatment of a top-level property, or null when it is not personal. */
  public @Nullable PersonalTreatment property(String name) {
    return topLevel.get(name);
  }

  /** The personal properties of a Component, by name (empty when it has none). */
  public Map<String, PersonalTreatment> component(String name) {
    return byComponent.getOrDefault(name, Map.of());
  }
}
