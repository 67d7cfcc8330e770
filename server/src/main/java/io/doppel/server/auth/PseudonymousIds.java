package io.doppel.server.auth;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot in which the twins whose ids are personal (co-type {@code PersonalId}) and that the caller may not see
 * in clear ({@link Access#seesId}) go by their pseudonym: {@code $dtId}, the id every method takes and gives,
 * relationships' {@code $sourceId}/{@code $targetId}, and relationship ids a model marks. Relationships between such
 * twins line up, since both ends are pseudonymised alike. Such a twin's clear id names nothing here: a query's
 * {@code WHERE T.$dtId = '<clear id>'} matches nothing (it cannot test a guess) and its pseudonym matches it.
 *
 * <p>The pseudonymised twins are listed once per snapshot, by model ({@link ModelCatalog#personalIdModels}), and
 * kept sorted by pseudonym, so ids still come out ascending. No index is offered once such a twin is in view:
 * index entries are ordered by clear id.
 */
final class PseudonymousIds implements GraphSnapshot {
  private final GraphSnapshot graph;
  private final Access access;
  private @Nullable NavigableMap<String, String> byPseudonym;
  private @Nullable Map<String, String> pseudonymOf;

  private PseudonymousIds(GraphSnapshot graph, Access access) {
    this.graph = graph;
    this.access = access;
  }

  /**
   * {@code graph} (already the caller's view of twins and properties) with personal ids pseudonymised for
   * {@code access} (decided on that graph), or {@code graph} itself when no model marks ids personal or the caller
   * sees every id in clear.
   */
  static GraphSnapshot of(GraphSnapshot graph, Access access) {
    if (access.everything() || !graph.models().holdsPersonalIds() || access.seesAllPersonalData()) {
      return graph;
    }
    return new PseudonymousIds(graph, access);
  }

  /** Lists the pseudonymised twins of the view once, on first need. */
  private synchronized void index() {
    if (byPseudonym != null) {
      return;
    }
    NavigableMap<String, String> clearIds = new TreeMap<>();
    Map<String, String> pseudonyms = new HashMap<>();
    Set<Dtmi> models = graph.models().personalIdModels();
    if (!models.isEmpty()) {
      for (Iterator<String> ids = graph.twinIdsOfModels(models, null); ids.hasNext(); ) {
        String id = ids.next();
        String shown = access.shownId(id, graph.modelOf(id));
        if (!shown.equals(id)) {
          clearIds.put(shown, id);
          pseudonyms.put(id, shown);
        }
      }
    }
    pseudonymOf = pseudonyms;
    byPseudonym = clearIds;
  }

  private NavigableMap<String, String> byPseudonym() {
    index();
    return java.util.Objects.requireNonNull(byPseudonym);
  }

  private Map<String, String> pseudonymOf() {
    index();
    return java.util.Objects.requireNonNull(pseudonymOf);
  }

  /** The clear id an id of this view stands for, or null when it names nothing here (a pseudonymised clear id). */
  private @Nullable String clear(String shown) {
    String id = byPseudonym().get(shown);
    if (id != null) {
      return id;
    }
    return pseudonymOf().containsKey(shown) ? null : shown;
  }

  private String shown(String id) {
    return pseudonymOf().getOrDefault(id, id);
  }

  /** An id of the underlying graph that this view shows as itself (neither pseudonymised nor shadowed by one). */
  private boolean shownAsItself(String id) {
    return !pseudonymOf().containsKey(id) && !byPseudonym().containsKey(id);
  }

  @Override
  public long version() {
    return graph.version();
  }

  @Override
  public ModelCatalog models() {
    return graph.models();
  }

  @Override
  public long twinCount() {
    return graph.twinCount();
  }

  @Override
  public @Nullable TwinView twin(String id) {
    String clear = clear(id);
    TwinView twin = clear == null ? null : graph.twin(clear);
    if (twin == null || clear.equals(id)) {
      return twin;
    }
    return new TwinView(id, twin.etag(), twin.version(), twin.json().put("$dtId", id));
  }

  @Override
  public @Nullable Dtmi modelOf(String id) {
    String clear = clear(id);
    return clear == null ? null : graph.modelOf(clear);
  }

  @Override
  public Iterator<String> twinIds(String prefix, @Nullable String after) {
    return merge(FilteredSnapshot.filter(graph.twinIds(prefix, after), this::shownAsItself),
        pseudonyms(prefix, after, null));
  }

  @Override
  public Iterator<String> twinIdsOfModels(Set<Dtmi> models, @Nullable String after) {
    return merge(FilteredSnapshot.filter(graph.twinIdsOfModels(models, after), this::shownAsItself),
        pseudonyms("", after, models));
  }

  /** The pseudonyms of the view starting with {@code prefix}, after {@code after}, of one of {@code models} if set. */
  private Iterator<String> pseudonyms(String prefix, @Nullable String after, @Nullable Set<Dtmi> models) {
    NavigableMap<String, String> all = byPseudonym();
    NavigableMap<String, String> tail = after == null ? all : all.tailMap(after, false);
    Iterator<String> candidates = tail.navigableKeySet().stream()
        .dropWhile(p -> p.compareTo(prefix) < 0)
        .takeWhile(p -> p.startsWith(prefix))
        .iterator();
    return models == null ? candidates
        : FilteredSnapshot.filter(candidates, p -> models.contains(graph.modelOf(all.get(p))));
  }

  @Override
  public List<RelationshipView> outgoing(String sourceId, @Nullable String name) {
    String clear = clear(sourceId);
    if (clear == null) {
      return List.of();
    }
    return graph.outgoing(clear, name).stream().map(this::relationship)
        .sorted(Comparator.comparing(RelationshipView::id)).toList();
  }

  @Override
  public List<RelationshipView> incoming(String targetId, @Nullable String name) {
    String clear = clear(targetId);
    if (clear == null) {
      return List.of();
    }
    return graph.incoming(clear, name).stream().map(this::relationship)
        .sorted(Comparator.comparing(RelationshipView::sourceId).thenComparing(RelationshipView::id)).toList();
  }

  /** The relationship with its ends, and its id when marked, as this view names them. */
  private RelationshipView relationship(RelationshipView r) {
    String source = shown(r.sourceId());
    String target = shown(r.targetId());
    String id = access.shownRelationshipId(r.id(), r.sourceId(), graph.modelOf(r.sourceId()), r.name());
    if (source.equals(r.sourceId()) && target.equals(r.targetId()) && id.equals(r.id())) {
      return r;
    }
    var json = r.json().deepCopy().put("$sourceId", source).put("$targetId", target).put("$relationshipId", id);
    return new RelationshipView(id, source, target, r.name(), r.etag(), json);
  }

  /** None once a twin is pseudonymised here: index entries are ordered, and continued, by clear id. */
  @Override
  public Set<String> indexedPaths() {
    return byPseudonym().isEmpty() ? graph.indexedPaths() : Set.of();
  }

  @Override
  public Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after) {
    if (!byPseudonym().isEmpty()) {
      throw new io.doppel.twin.DoppelException(io.doppel.twin.ErrorCode.INVALID_ARGUMENT,
          "no index is offered in this view: " + path);
    }
    return graph.indexRange(path, range, after);
  }

  @Override
  public void close() {
    graph.close();
  }

  /** Two ascending iterators as one (an id is in at most one of them). */
  private static Iterator<String> merge(Iterator<String> a, Iterator<String> b) {
    return new Iterator<>() {
      private @Nullable String nextA = advance(a);
      private @Nullable String nextB = advance(b);

      @Override
      public boolean hasNext() {
        return nextA != null || nextB != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String out;
        if (nextB == null || nextA != null && nextA.compareTo(nextB) < 0) {
          out = nextA;
          nextA = advance(a);
        } else {
          out = nextB;
          nextB = advance(b);
        }
        return out;
      }
    };
  }

  private static @Nullable String advance(Iterator<String> it) {
    return it.hasNext() ? it.next() : null;
  }
}
