package io.doppel.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.query.Predicate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 * @param where a condition in the query language's WHERE syntax over the twin's state after the change; only twin
 *     events pass it (a deleted twin is tested on its id and model alone); null for none
 */
public record EventFilter(
    Set<String> twins,
    Set<Dtmi> models,
    Set<String> relationships,
    Set<String> sources,
    Set<String> targets,
    Set<EventType> types,
    @Nullable Predicate where) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public EventFilter {
    twins = Set.copyOf(twins);
    models = Set.copyOf(models);
    relationships = Set.copyOf(relationships);
    sources = Set.copyOf(sources);
    targets = Set.copyOf(targets);
    types = Set.copyOf(types);
  }

  /** A filter without a {@code where} condition. */
  public EventFilter(Set<String> twins, Set<Dtmi> models, Set<String> relationships, Set<String> sources,
      Set<String> targets, Set<EventType> types) {
    this(twins, models, relationships, sources, targets, types, null);
  }

  /** Every event. */
  public static EventFilter all() {
    return ALL;
  }

  public boolean matches(StreamEvent e) {
    return matchesBesidesWhere(e) && matchesWhere(e);
  }

  /** Every dimension but {@code where}: what an event's ids, models and type decide, without reading its JSON. */
  public boolean matchesBesidesWhere(StreamEvent e) {
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
    if (!targets.isEmpty() && (e.targetId() == null || !targets.contains(e.targetId()))) {
      return false;
    }
    return true;
  }

  /**
   * What is decided on the subscriber's view of an event ({@link EventSink#view}): the twin ids the subscription
   * names, again, since a view may show ids as pseudonyms (a subscription naming a clear id then must not learn
   * that the event is about it), and the {@code where} condition.
   */
  public boolean matchesView(StreamEvent seen) {
    if (!twins.isEmpty() && !aboutTwin(seen)) {
      return false;
    }
    if (!sources.isEmpty() && (seen.sourceId() == null || !sources.contains(seen.sourceId()))) {
      return false;
    }
    if (!targets.isEmpty() && (seen.targetId() == null || !targets.contains(seen.targetId()))) {
      return false;
    }
    return matchesWhere(seen);
  }

  /** The {@code where} condition alone (true without one): the only test that reads the event's JSON. */
  public boolean matchesWhere(StreamEvent e) {
    return where == null || passesWhere(e, where);
  }

  private static boolean passesWhere(StreamEvent e, Predicate where) {
    String twinId = e.twinId();
    JsonNode state = twinId == null ? null : stateAfter(e);
    return state != null && where.matches(twinId, state, e.models());
  }

  /** The twin's document after the change, as the event carries it; null when it carries none. */
  private static @Nullable JsonNode stateAfter(StreamEvent e) {
    try {
      return switch (e.type()) {
        case TWIN_CREATED, TWIN_REPLACED -> MAPPER.readTree(e.json()).get("data");
        case TWIN_PATCHED -> e.stateTree();
        case TWIN_DELETED -> {
          // Nothing is left but who it was: conditions on its id and model still hold.
          JsonNode data = MAPPER.readTree(e.json()).path("data");
          ObjectNode identity = MAPPER.createObjectNode().put("$dtId", e.twinId());
          identity.putObject("$metadata").put("$model", data.path("modelId").asText());
          yield identity;
        }
        default -> null;
      };
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("the stream's own JSON always parses", ex);
    }
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
