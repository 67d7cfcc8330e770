package io.doppel.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The properties of one model that hold personal data, inherited ones and those of its Components included, as
 * the twin documents of that model lay them out: top-level properties by name, Component properties by Component
 * and name. A Relationship's own properties are marked the same way and listed apart, per relationship name: they
 * live in relationship documents, not in the twin's. Ids are marked as a whole ({@code PersonalId}): the twin's own
 * id when its Interface (or one it extends) carries the co-type, a relationship's id when its Relationship does.
 */
public final class PersonalProperties {
  public static final PersonalProperties NONE = new PersonalProperties(List.of(), List.of(), false, Set.of());

  private final List<PersonalProperty> all;
  private final Map<String, PersonalTreatment> topLevel = new HashMap<>();
  private final Map<String, Map<String, PersonalTreatment>> byComponent = new HashMap<>();
  private final List<PersonalRelationshipProperty> relationshipProperties;
  private final Map<String, Map<String, PersonalTreatment>> byRelationship = new HashMap<>();
  private final boolean twinId;
  private final Set<String> relationshipIds;

  private PersonalProperties(List<PersonalProperty> all, List<PersonalRelationshipProperty> relationshipProperties,
      boolean twinId, Set<String> relationshipIds) {
    this.all = List.copyOf(all);
    this.twinId = twinId;
    this.relationshipIds = Set.copyOf(relationshipIds);
    this.relationshipProperties = List.copyOf(relationshipProperties);
    for (PersonalRelationshipProperty p : relationshipProperties) {
      byRelationship.computeIfAbsent(p.relationship(), r -> new HashMap<>()).put(p.name(), p.treatment());
    }
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
    List<PersonalRelationshipProperty> onRelationships = new ArrayList<>();
    Set<String> relationshipIds = new TreeSet<>();
    for (Content content : model.contents().values()) {
      if (content instanceof Content.Relationship r && PersonalTreatment.marksId(r.element())) {
        relationshipIds.add(r.name());
      }
      switch (content) {
        case Content.Property p -> add(found, null, p);
        case Content.Component c -> catalog.get(c.schema()).ifPresent(inner -> inner.contents().values().forEach(
            member -> {
              if (member instanceof Content.Property p) {
                add(found, c.name(), p);
              }
            }));
        case Content.Relationship r -> r.properties().values().forEach(p -> {
          PersonalTreatment treatment = PersonalTreatment.of(p.element());
          if (treatment != null) {
            onRelationships.add(new PersonalRelationshipProperty(r.name(), p.name(), treatment, r.definedIn()));
          }
        });
        default -> { }
      }
    }
    onRelationships.sort(java.util.Comparator.comparing(PersonalRelationshipProperty::relationship)
        .thenComparing(PersonalRelationshipProperty::name)); // properties() is a map: give a stable order
    boolean twinId = PersonalTreatment.marksId(model.element()) || model.ancestors().stream()
        .anyMatch(a -> catalog.get(a).map(base -> PersonalTreatment.marksId(base.element())).orElse(false));
    return found.isEmpty() && onRelationships.isEmpty() && !twinId && relationshipIds.isEmpty() ? NONE
        : new PersonalProperties(found, onRelationships, twinId, relationshipIds);
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

  /** Whether nothing of the twin's document, of its relationships, nor their ids is personal. */
  public boolean isEmpty() {
    return all.isEmpty() && relationshipProperties.isEmpty() && !twinId && relationshipIds.isEmpty();
  }

  /** Whether the twin's id is personal: co-type {@code PersonalId} on its Interface or one it extends. */
  public boolean twinId() {
    return twinId;
  }

  /**
   * The names of the relationships going out of twins of this model whose ids are personal (co-type
   * {@code PersonalId} on the Relationship, inherited ones included), sorted.
   */
  public Set<String> relationshipIds() {
    return relationshipIds;
  }

  /** The personal properties of the model's Relationships, by relationship name then property name. */
  public List<PersonalRelationshipProperty> relationshipProperties() {
    return relationshipProperties;
  }

  /** The personal properties of relationship {@code name} of a twin of this model, by name (empty when none). */
  public Map<String, PersonalTreatment> relationship(String name) {
    return byRelationship.getOrDefault(name, Map.of());
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
