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
}
