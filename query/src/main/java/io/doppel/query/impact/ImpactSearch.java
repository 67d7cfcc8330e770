package io.doppel.query.impact;

import io.doppel.model.Dtmi;
import io.doppel.query.syntax.QueryErrors;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Breadth-first walk for impact questions. Each twin is reached once, at its shortest distance, through the first
 * relationship (in id order) that reached it, so the answer is deterministic and cycles end; the walk stops with
 * {@code QUERY_TOO_EXPENSIVE} past its budget of relationships read.
 */
public final class ImpactSearch {
  private ImpactSearch() {}

  public static ImpactResult search(GraphSnapshot snapshot, String twinId, Direction direction,
      Set<String> relationshipNames, int depth, int maxDepth, long budget) {
    if (depth < 1 || depth > maxDepth) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "depth must be between 1 and " + maxDepth + ", was " + depth,
          List.of(new DoppelException.Detail("invalidDepth", "depth", "between 1 and " + maxDepth)));
    }
    if (snapshot.modelOf(twinId) == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, "twin '" + twinId + "' does not exist",
          List.of(new DoppelException.Detail("twinNotFound", twinId, "no twin with this id")));
    }
    String only = relationshipNames.size() == 1 ? relationshipNames.iterator().next() : null;
    Map<String, ImpactResult.Hop> via = new HashMap<>();
    via.put(twinId, null);
    List<ImpactResult.Impacted> found = new ArrayList<>();
    List<String> level = List.of(twinId);
    long read = 0;
    for (int distance = 1; distance <= depth && !level.isEmpty(); distance++) {
      List<String> next = new ArrayList<>();
      for (String twin : level) {
        List<RelationshipView> rels = direction == Direction.DOWNSTREAM
            ? snapshot.outgoing(twin, only) : snapshot.incoming(twin, only);
        read += rels.size() + 1;
        if (read > budget) {
          throw QueryErrors.tooExpensive("workBudgetExceeded", "workBudget", "the impact walk read more than "
              + budget + " relationships; lower the depth or name the relationships to follow");
        }
        for (RelationshipView r : rels) {
          if (!relationshipNames.isEmpty() && !relationshipNames.contains(r.name())) {
            continue;
          }
          String other = direction == Direction.DOWNSTREAM ? r.targetId() : r.sourceId();
          if (via.containsKey(other)) {
            continue;
          }
          via.put(other, new ImpactResult.Hop(r.id(), r.name(), r.sourceId(), r.targetId()));
          next.add(other);
          Dtmi model = snapshot.modelOf(other);
          found.add(new ImpactResult.Impacted(other, model == null ? "" : model.value(), distance,
              path(via, other, direction)));
        }
      }
      level = next;
    }
    return new ImpactResult(twinId, direction, relationshipNames, depth, found);
  }

  private static List<ImpactResult.Hop> path(Map<String, ImpactResult.Hop> via, String twin, Direction direction) {
    List<ImpactResult.Hop> path = new ArrayList<>();
    for (ImpactResult.Hop hop = via.get(twin); hop != null; ) {
      path.add(hop);
      String previous = direction == Direction.DOWNSTREAM ? hop.sourceId() : hop.targetId();
      hop = via.get(previous);
    }
    Collections.reverse(path);
    return path;
  }
}
