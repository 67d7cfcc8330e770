package io.doppel.query.exec;

import io.doppel.query.plan.Analyzed.EdgeDir;
import io.doppel.query.plan.Analyzed.PatternEdge;
import io.doppel.query.plan.Plan;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Follows one pattern edge from a bound twin. A single hop yields each matching relationship and the twin at its
 * other end; a variable hop walks breadth-first and yields each twin once, at its shortest distance, when that
 * distance is within the edge's range (so cycles end, and every relationship is followed at most once per walk).
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
    return new Walk(edge, step.forward(), fromId);
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

  /** Breadth-first, level by level; only the current level and the visited set are held. */
  private final class Walk implements Iterator<Reached> {
    private final PatternEdge edge;
    private final boolean forward;
    private final Set<String> visited = new HashSet<>();
    private List<String> level;
    private int depth;
    private Iterator<String> pending = Collections.emptyIterator();

    Walk(PatternEdge edge, boolean forward, String start) {
      this.edge = edge;
      this.forward = forward;
      this.level = List.of(start);
      visited.add(start);
    }

    @Override
    public boolean hasNext() {
      while (!pending.hasNext()) {
        if (depth >= edge.maxHops() || level.isEmpty()) {
          return false;
        }
        List<String> next = new ArrayList<>();
        for (String twin : level) {
          for (Reached r : oneHop(edge, forward, twin)) {
            if (visited.add(r.twinId())) {
              next.add(r.twinId());
            }
          }
        }
        depth++;
        level = next;
        pending = depth >= edge.minHops() ? next.iterator() : Collections.emptyIterator();
      }
      return true;
    }

    @Override
    public Reached next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return new Reached(pending.next(), null);
    }
  }
}
