package io.doppel.query.exec;

import io.doppel.query.plan.Analyzed.EdgeDir;
import io.doppel.query.plan.Analyzed.PatternEdge;
import io.doppel.query.plan.Plan;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Follows one pattern edge from a bound twin. A single hop yields each matching relationship and the twin at its
 * other end; a variable hop yields each twin at the end of a path in the edge's range that uses no relationship
 * twice, once per twin (see {@link TrailWalk}).
 */
final class Expander {
  /** The twin reached, and the relationship that reached it (single hop only). */
  record Reached(String twinId, @Nullable RelationshipView via) {}

  private final GraphSnapshot snapshot;
  private final Run.Stats stats;

  Expander(GraphSnapshot snapshot, Run.Stats stats) {
    this.snapshot = snapshot;
    this.stats = stats;
  }

  Iterator<Reached> expand(Plan.Step step, String fromId) {
    PatternEdge edge = step.edge();
    if (edge.maxHops() == 1) {
      return oneHop(edge, step.forward(), fromId).iterator();
    }
    boolean forward = step.forward();
    return new TrailWalk(twin -> oneHop(edge, forward, twin), fromId, edge.minHops(), edge.maxHops());
  }

  /** Relationships leaving {@code twinId} along the edge, each with the twin at its other end. */
  List<Reached> oneHop(PatternEdge edge, boolean forward, String twinId) {
    String name = edge.names().size() == 1 ? edge.names().iterator().next() : null;
    boolean out = edge.dir() == EdgeDir.ANY || (edge.dir() == EdgeDir.OUT) == forward;
    boolean in = edge.dir() == EdgeDir.ANY || (edge.dir() == EdgeDir.IN) == forward;
    List<Reached> result = new ArrayList<>();
    if (out) {
      for (RelationshipView r : snapshot.outgoing(twinId, name)) {
        if (accept(edge, r)) {
          result.add(new Reached(r.targetId(), r));
        }
      }
    }
    if (in) {
      for (RelationshipView r : snapshot.incoming(twinId, name)) {
        // with either direction allowed, a self-relationship is both outgoing and incoming: count it once
        if (accept(edge, r) && !(out && r.sourceId().equals(r.targetId()))) {
          result.add(new Reached(r.sourceId(), r));
        }
      }
    }
    return result;
  }

  private boolean accept(PatternEdge edge, RelationshipView r) {
    stats.budget.charge(1);
    stats.relationshipsRead++;
    return edge.names().isEmpty() || edge.names().contains(r.name());
  }
}
