package io.doppel.query.exec;

import io.doppel.query.exec.Expander.Reached;
import io.doppel.twin.RelationshipView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A variable-hop MATCH condition from one twin: every twin at the end of a path of {@code minHops..maxHops}
 * relationships that uses no relationship twice (ADT: cycles are detected so that a relationship is traversed only
 * once), each reported once, nearest first.
 *
 * <p>Iterative deepening: one depth-first pass per path length, from {@code minHops} up, reporting the ends of
 * paths of exactly that length not reported before. It holds only the current path (one relationship list per hop)
 * and the twins reported, and yields each one as soon as it is found, so a page can stop mid-walk. Shorter paths are
 * walked again on each pass; that repeated reading is charged to the work budget like any other, which is what
 * stops a walk over a dense graph (whose paths multiply with each hop) with {@code QUERY_TOO_EXPENSIVE}.
 */
final class TrailWalk implements Iterator<Reached> {
  /** One twin on the current path: the relationships still to try from it, and the one that led to it. */
  private record Frame(Iterator<Reached> next, @Nullable RelationshipView via) {}

  private final Function<String, List<Reached>> oneHop;
  private final String start;
  private final int maxHops;
  private final List<Frame> path = new ArrayList<>();
  private final Set<String> reported = new HashSet<>();
  private int length;
  private boolean lengthReached;
  private @Nullable String pending;

  /** {@code oneHop} gives the relationships leaving a twin along the edge, each with the twin at its other end. */
  TrailWalk(Function<String, List<Reached>> oneHop, String start, int minHops, int maxHops) {
    this.oneHop = oneHop;
    this.start = start;
    this.maxHops = maxHops;
    this.length = minHops - 1;
    this.lengthReached = true;
  }

  @Override
  public boolean hasNext() {
    while (pending == null) {
      if (path.isEmpty()) {
        // a pass ended: no path reached this length, so none is longer
        if (!lengthReached || length >= maxHops) {
          return false;
        }
        length++;
        lengthReached = false;
        path.add(new Frame(oneHop.apply(start).iterator(), null));
        continue;
      }
      Frame top = path.get(path.size() - 1);
      if (!top.next().hasNext()) {
        path.remove(path.size() - 1);
        continue;
      }
      Reached r = top.next().next();
      RelationshipView via = r.via();
      if (via != null && onPath(via)) {
        continue;
      }
      if (path.size() == length) {
        lengthReached = true;
        if (reported.add(r.twinId())) {
          pending = r.twinId();
        }
      } else {
        path.add(new Frame(oneHop.apply(r.twinId()).iterator(), via));
      }
    }
    return true;
  }

  @Override
  public Reached next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Reached r = new Reached(pending, null);
    pending = null;
    return r;
  }

  /** True when the current path already uses {@code rel}: a relationship is its source and its id. */
  private boolean onPath(RelationshipView rel) {
    for (Frame f : path) {
      RelationshipView used = f.via();
      if (used != null && used.id().equals(rel.id()) && used.sourceId().equals(rel.sourceId())) {
        return true;
      }
    }
    return false;
  }
}
