package io.doppel.query.impact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The twins reached from {@code twinId} in {@code direction} along the named relationships (all names when empty),
 * nearest first, each with one shortest path from the start.
 */
public record ImpactResult(String twinId, Direction direction, Set<String> relationshipNames, int depth,
    List<Impacted> twins) {
  public ImpactResult {
    relationshipNames = Set.copyOf(relationshipNames);
    twins = List.copyOf(twins);
  }

  /** A twin reached at {@code distance} hops, its model, and the relationships leading to it from the start. */
  public record Impacted(String twinId, String model, int distance, List<Hop> path) {
    public Impacted {
      path = List.copyOf(path);
    }
  }

  /** One relationship on a path, as stored (source to target), whichever way the walk followed it. */
  public record Hop(String relationshipId, String relationshipName, String sourceId, String targetId) {}

  /** The HTTP body: {@code {"twinId", "direction", "relationships", "depth", "impacted": [...]}}. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("twinId", twinId);
    o.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode names = o.putArray("relationships");
    new TreeSet<>(relationshipNames).forEach(names::add);
    o.put("depth", depth);
    ArrayNode list = o.putArray("impacted");
    for (Impacted t : twins) {
      ObjectNode n = list.addObject();
      n.put("$dtId", t.twinId());
      n.put("$model", t.model());
      n.put("distance", t.distance());
      ArrayNode path = n.putArray("path");
      for (Hop h : t.path()) {
        path.addObject().put("$relationshipId", h.relationshipId()).put("$relationshipName", h.relationshipName())
            .put("$sourceId", h.sourceId()).put("$targetId", h.targetId());
      }
    }
    return o;
  }
}
