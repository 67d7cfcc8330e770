package io.doppel.server.auth;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The graph as one caller may see it, for their queries: twins they may not read are absent, hidden properties are
 * not in the documents, relationships need both ends readable, and an index over a property answers only for twins
 * whose property the caller sees. A query therefore cannot filter, sort or aggregate on what the caller may not
 * read: the query engine never sees it. Personal properties the caller may not see in clear are pseudonymised or
 * dropped in the documents ({@link Access#personal}), and their indexes are not offered: the indexes hold clear
 * values, so the engine scans the pseudonymised documents instead and a filter on a pseudonym still matches.
 * Relationships' personal properties are treated the same way in the relationships the engine is given, and ids
 * marked personal go by their pseudonyms ({@link PseudonymousIds}).
 */
public final class FilteredSnapshot implements GraphSnapshot {
  private final GraphSnapshot graph;
  private final Access access;
  private long count = -1;

  private FilteredSnapshot(GraphSnapshot graph, Access access) {
    this.graph = graph;
    this.access = access.on(graph);
  }

  /**
   * {@code graph} itself for a caller who sees everything; else the caller's view, with the ids a model marks
   * personal pseudonymised ({@link PseudonymousIds}).
   */
  public static GraphSnapshot of(GraphSnapshot graph, Access access) {
    if (access.everything()) {
      return graph;
    }
    FilteredSnapshot filtered = new FilteredSnapshot(graph, access);
    return PseudonymousIds.of(filtered, filtered.access);
  }

  @Override
  public long version() {
    return graph.version();
  }

  @Override
  public ModelCatalog models() {
    return graph.models();
  }

  /** Counted once per snapshot by walking the readable ids: {@code COUNT()} may answer from it. */
  @Override
  public synchronized long twinCount() {
    if (count < 0) {
      long n = 0;
      for (Iterator<String> ids = twinIds("", null); ids.hasNext(); ids.next()) {
        n++;
      }
      count = n;
    }
    return count;
  }

  @Override
  public @Nullable TwinView twin(String id) {
    TwinView twin = graph.twin(id);
    if (twin == null) {
      return null;
    }
    Access.PropertyFilter filter = access.readable(id, graph.modelOf(id));
    return filter == null ? null
        : new TwinView(twin.id(), twin.etag(), twin.version(), access.personal(filter.apply(twin.json())));
  }

  @Override
  public @Nullable Dtmi modelOf(String id) {
    return readable(id) ? graph.modelOf(id) : null;
  }

  @Override
  public Iterator<String> twinIds(String prefix, @Nullable String after) {
    return filter(graph.twinIds(prefix, after), this::readable);
  }

  @Override
  public Iterator<String> twinIdsOfModels(Set<Dtmi> models, @Nullable String after) {
    return filter(graph.twinIdsOfModels(models, after), this::readable);
  }

  @Override
  public List<RelationshipView> outgoing(String sourceId, @Nullable String name) {
    if (!readable(sourceId)) {
      return List.of();
    }
    Dtmi model = graph.modelOf(sourceId);
    return graph.outgoing(sourceId, name).stream().filter(r -> readable(r.targetId()))
        .map(r -> access.personalRelationship(r, model)).toList();
  }

  @Override
  public List<RelationshipView> incoming(String targetId, @Nullable String name) {
    if (!readable(targetId)) {
      return List.of();
    }
    return graph.incoming(targetId, name).stream().filter(r -> readable(r.sourceId()))
        .map(r -> access.personalRelationship(r, graph.modelOf(r.sourceId()))).toList();
  }

  @Override
  public Set<String> indexedPaths() {
    Set<String> paths = graph.indexedPaths();
    Set<String> personal = graph.models().personalPaths();
    if (personal.isEmpty() || access.seesAllPersonalData()) {
      return paths;
    }
    return paths.stream().filter(p -> !personal(p, personal)).collect(java.util.stream.Collectors.toSet());
  }

  /** An indexed path on a personal property or inside one (a field of a personal Object property). */
  private static boolean personal(String path, Set<String> personal) {
    for (String p : personal) {
      if (path.equals(p) || path.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after) {
    int dot = path.indexOf('.');
    String property = dot < 0 ? path : path.substring(0, dot);
    return filter(graph.indexRange(path, range, after),
        e -> access.showsProperty(e.twinId(), graph.modelOf(e.twinId()), property));
  }

  @Override
  public void close() {
    graph.close();
  }

  private boolean readable(String id) {
    return access.allows(Action.READ, id, graph.modelOf(id));
  }

  /** A lazy filtering iterator: the query engine reads as little as it needs. */
  static <T> Iterator<T> filter(Iterator<T> source, Predicate<T> keep) {
    return new Iterator<>() {
      private @Nullable T next;

      @Override
      public boolean hasNext() {
        while (next == null && source.hasNext()) {
          T candidate = source.next();
          if (keep.test(candidate)) {
            next = candidate;
          }
        }
        return next != null;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T out = next;
        next = null;
        return out;
      }
    };
  }
}
