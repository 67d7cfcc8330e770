package io.doppel.server.auth;

import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The twins each {@code related} selector covers in one tenant's graph, found by a breadth-first walk from the roots
 * and cached per selector under the graph's links version ({@link GraphSnapshot#linksVersion()}): property writes,
 * the common change, keep the cache; adding or removing a twin or a relationship makes the next check walk again,
 * so a twin moved out of the subtree loses the grant at once.
 */
public final class RelatedReach {
  /** Selectors cached at most: policies come and go, their old entries must not pile up. */
  private static final int CACHED_SELECTORS = 256;

  /** For a caller who sees everything, whose access never asks. */
  static final RelatedReach NONE = new RelatedReach(() -> -1, () -> {
    throw new IllegalStateException("no graph to walk");
  });

  private final LongSupplier linksVersion;
  private final Supplier<GraphSnapshot> snapshots;
  private final Map<String, Covered> cache = new ConcurrentHashMap<>();

  private record Covered(long linksVersion, Set<String> ids) {}

  /**
   * @param linksVersion the live graph's links version ({@code TwinEngine::linksVersion})
   * @param snapshots opens a snapshot of the live graph, walked on a cache miss
   */
  public RelatedReach(LongSupplier linksVersion, Supplier<GraphSnapshot> snapshots) {
    this.linksVersion = linksVersion;
    this.snapshots = snapshots;
  }

  /** The twins the selector covers in the live graph now. */
  public Set<String> current(RelatedTwins selector) {
    Covered cached = cache.get(selector.key());
    if (cached != null && cached.linksVersion() == linksVersion.getAsLong()) {
      return cached.ids();
    }
    try (GraphSnapshot graph = snapshots.get()) {
      return on(selector, graph);
    }
  }

  /**
   * The twins the selector covers in {@code graph}: from the cache when it was walked at the same links version, else
   * walked (and cached when the graph knows its links version).
   */
  public Set<String> on(RelatedTwins selector, GraphSnapshot graph) {
    long version = graph.linksVersion();
    if (version < 0) {
      return walk(selector, graph);
    }
    Covered cached = cache.get(selector.key());
    if (cached != null && cached.linksVersion() == version) {
      return cached.ids();
    }
    Set<String> ids = walk(selector, graph);
    if (cache.size() >= CACHED_SELECTORS) {
      cache.clear();
    }
    cache.merge(selector.key(), new Covered(version, ids),
        (old, fresh) -> old.linksVersion() > fresh.linksVersion() ? old : fresh);
    return ids;
  }

  /** Breadth first, hop by hop; each twin is expanded once, so cycles end. */
  static Set<String> walk(RelatedTwins selector, GraphSnapshot graph) {
    Set<String> seen = new HashSet<>();
    List<String> frontier = new ArrayList<>();
    for (Iterator<String> ids = graph.twinIds(selector.rootPrefix(), null); ids.hasNext(); ) {
      String id = ids.next();
      if (selector.from().matches(id) && seen.add(id)) {
        frontier.add(id);
      }
    }
    for (int hop = 0; hop < selector.maxHops() && !frontier.isEmpty(); hop++) {
      List<String> next = new ArrayList<>();
      for (String source : frontier) {
        for (RelationshipView r : graph.outgoing(source, null)) {
          if (selector.follows(r.name()) && graph.modelOf(r.targetId()) != null && seen.add(r.targetId())) {
            next.add(r.targetId());
          }
        }
      }
      frontier = next;
    }
    return Set.copyOf(seen);
  }
}
