package io.doppel.stream;

import io.doppel.model.Dtmi;
import java.util.Set;

/**
 * Which events a subscriber wants. Each dimension is a set of accepted values, empty meaning "any"; an event must
 * pass every non-empty dimension (AND across dimensions, OR within one). An event that has no value for a dimension
 * (a model event has no twin id, a twin event no relationship name) does not pass a filter on that dimension.
 *
 * @param twins twin ids: twin events of these twins, and relationship events whose source or target is one
 * @param models DTMIs: twin events of twins whose model is one of these or extends one, and model events about them
 * @param relationships relationship names
 * @param sources relationship source twin ids
 * @param targets relationship target twin ids
 * @param types event types
 */
public record EventFilter(
    Set<String> twins,
    Set<Dtmi> models,
    Set<String> relationships,
    Set<String> sources,
    Set<String> targets,
    Set<EventType> types) {

  private static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public EventFilter {
    twins = Set.copyOf(twins);
    models = Set.copyOf(models);
    relationships = Set.copyOf(relationships);
    sources = Set.copyOf(sources);
    targets = Set.copyOf(targets);
    types = Set.copyOf(types);
  }

  /** Every event. */
  public static EventFilter all() {
    return ALL;
  }

  public boolean matches(StreamEvent e) {
    if (!types.isEmpty() && !types.contains(e.type())) {
      return false;
    }
    if (!twins.isEmpty() && !aboutTwin(e)) {
      return false;
    }
    if (!models.isEmpty() && !anyIn(e.models(), models)) {
      return false;
    }
    if (!relationships.isEmpty() && (e.relationshipName() == null || !relationships.contains(e.relationshipName()))) {
      return false;
    }
    if (!sources.isEmpty() && (e.sourceId() == null || !sources.contains(e.sourceId()))) {
      return false;
    }
    return targets.isEmpty() || (e.targetId() != null && targets.contains(e.targetId()));
  }

  private boolean aboutTwin(StreamEvent e) {
    return (e.twinId() != null && twins.contains(e.twinId()))
        || (e.sourceId() != null && twins.contains(e.sourceId()))
        || (e.targetId() != null && twins.contains(e.targetId()));
  }

  private static boolean anyIn(Set<Dtmi> lineage, Set<Dtmi> wanted) {
    for (Dtmi m : lineage) {
      if (wanted.contains(m)) {
        return true;
      }
    }
    return false;
  }
}
