package io.doppel.model;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An immutable set of resolved Interfaces with fast subtype look-ups ({@code IS_OF_MODEL}, relationship targets). */
public final class ModelCatalog {
  private static final ModelCatalog EMPTY = new ModelCatalog(List.of());

  private final Map<Dtmi, InterfaceModel> byId;
  private final Map<Dtmi, Set<Dtmi>> descendants;
  // Computed on first use: the catalog is immutable, so an answer never goes stale.
  private final Map<Dtmi, PersonalProperties> personal = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile @org.jspecify.annotations.Nullable Set<String> personalPaths;
  private volatile @org.jspecify.annotations.Nullable Set<Dtmi> personalIdModels;

  private ModelCatalog(Collection<InterfaceModel> models) {
    Map<Dtmi, InterfaceModel> ids = new HashMap<>();
    Map<Dtmi, Set<Dtmi>> down = new HashMap<>();
    for (InterfaceModel m : models) {
      ids.put(m.id(), m);
      down.computeIfAbsent(m.id(), k -> new HashSet<>()).add(m.id());
      for (Dtmi ancestor : m.ancestors()) {
        down.computeIfAbsent(ancestor, k -> new HashSet<>()).add(m.id());
      }
    }
    down.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    this.byId = Map.copyOf(ids);
    this.descendants = Map.copyOf(down);
  }

  public static ModelCatalog empty() {
    return EMPTY;
  }

  public static ModelCatalog of(Collection<InterfaceModel> models) {
    return new ModelCatalog(models);
  }

  /** A new catalog with {@code added} replacing any models of the same ids. */
  public ModelCatalog with(Collection<InterfaceModel> added) {
    Map<Dtmi, InterfaceModel> all = new HashMap<>(byId);
    added.forEach(m -> all.put(m.id(), m));
    return new ModelCatalog(all.values());
  }

  public ModelCatalog without(Dtmi id) {
    Map<Dtmi, InterfaceModel> all = new HashMap<>(byId);
    all.remove(id);
    return new ModelCatalog(all.values());
  }

  public Optional<InterfaceModel> get(Dtmi id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<InterfaceModel> all() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }

  /** {@code model} itself and every loaded Interface that extends it, directly or not. */
  public Set<Dtmi> descendantsOf(Dtmi model) {
    return descendants.getOrDefault(model, Set.of());
  }

  /** True when {@code model} is {@code ancestor} or extends it. */
  public boolean isA(Dtmi model, Dtmi ancestor) {
    InterfaceModel m = byId.get(model);
    return model.equals(ancestor) || (m != null && m.ancestors().contains(ancestor));
  }

  /**
   * Which properties of {@code model} hold personal data (co-types {@code Personal} and {@code PersonalDrop} of
   * {@code dtmi:io:doppel:privacy;1}), inherited ones and those of its Components included, and how each is
   * treated; {@link PersonalProperties#NONE} for a model the catalog does not hold.
   */
  public PersonalProperties personalProperties(Dtmi model) {
    InterfaceModel m = byId.get(model);
    if (m == null) {
      return PersonalProperties.NONE;
    }
    return personal.computeIfAbsent(model, id -> PersonalProperties.of(m, this));
  }

  /** The paths ({@code name} or {@code component.name}) that are personal in at least one model of the catalog. */
  public Set<String> personalPaths() {
    Set<String> paths = personalPaths;
    if (paths == null) {
      Set<String> found = new HashSet<>();
      byId.keySet().forEach(id -> personalProperties(id).all().forEach(p -> found.add(p.path())));
      paths = Set.copyOf(found);
      personalPaths = paths;
    }
    return paths;
  }

  /**
   * The models whose twins' ids are personal (co-type {@code PersonalId} on the Interface or one it extends): a
   * view that pseudonymises ids lists their twins by model.
   */
  public Set<Dtmi> personalIdModels() {
    Set<Dtmi> models = personalIdModels;
    if (models == null) {
      models = byId.keySet().stream().filter(id -> personalProperties(id).twinId())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
      personalIdModels = models;
    }
    return models;
  }

  /** Whether some model marks a twin id or a relationship id personal. */
  public boolean holdsPersonalIds() {
    return !personalIdModels().isEmpty()
        || byId.keySet().stream().anyMatch(id -> !personalProperties(id).relationshipIds().isEmpty());
  }

  /** Whether some model marks a property personal, in its twins' documents or on a Relationship, or an id. */
  public boolean holdsPersonalData() {
    return !personalPaths().isEmpty()
        || byId.keySet().stream().anyMatch(id -> !personalProperties(id).relationshipProperties().isEmpty())
        || holdsPersonalIds();
  }
}
