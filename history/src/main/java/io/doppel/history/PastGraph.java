package io.doppel.history;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The graph as it was at an earlier version: a current snapshot with every twin and relationship changed since put
 * back to its state then ({@link Rollback} builds it). Only what changed is held, so it costs what changed since,
 * not the graph's size. It has no property indexes (they describe the present), so queries over it scan; the model
 * catalog is the current one.
 */
final class PastGraph implements GraphSnapshot {
  private final GraphSnapshot now;
  private final long version;
  /** Twins changed since that existed then, with their state then; {@code changedTwins} has every changed one. */
  private final NavigableMap<String, TwinView> twinsThen;
  private final Set<String> changedTwins;
  private final long twinCount;
  /** Relationships changed since, by entity, and their state then; outgoing and incoming lists of those states. */
  private final Set<String> changedRelationships;
  private final Map<String, List<RelationshipView>> outgoingThen;
  private final Map<String, List<RelationshipView>> incomingThen;

  PastGraph(GraphSnapshot now, long version, NavigableMap<String, TwinView> twinsThen, Set<String> changedTwins,
      long twinCount, Set<String> changedRelationships, Map<String, List<RelationshipView>> outgoingThen,
      Map<String, List<RelationshipView>> incomingThen) {
    this.now = now;
    this.version = version;
    this.twinsThen = twinsThen;
    this.changedTwins = changedTwins;
    this.twinCount = twinCount;
    this.changedRelationships = changedRelationships;
    this.outgoingThen = outgoingThen;
    this.incomingThen = incomingThen;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public ModelCatalog models() {
    return now.models();
  }

  @Override
  public long twinCount() {
    return twinCount;
  }

  @Override
  public @Nullable TwinView twin(String id) {
    if (changedTwins.contains(id)) {
      TwinView then = twinsThen.get(id);
      return then == null ? null : new TwinView(then.id(), then.etag(), then.version(), then.json().deepCopy());
    }
    return now.twin(id);
  }

  @Override
  public @Nullable Dtmi modelOf(String id) {
    if (changedTwins.contains(id)) {
      TwinView then = twinsThen.get(id);
      return then == null ? null : Dtmi.parse(then.json().path("$metadata").path("$model").asText());
    }
    return now.modelOf(id);
  }

  @Override
  public Iterator<String> twinIds(String prefix, @Nullable String after) {
    NavigableMap<String, TwinView> tail = after != null && after.compareTo(prefix) >= 0
        ? twinsThen.tailMap(after, false) : twinsThen.tailMap(prefix, true);
    Iterator<String> then = tail.keySet().stream().takeWhile(id -> id.startsWith(prefix)).iterator();
    return merge(unchanged(now.twinIds(prefix, after)), then);
  }

  @Override
  public Iterator<String> twinIdsOfModels(Set<Dtmi> models, @Nullable String after) {
    NavigableMap<String, TwinView> tail = after == null ? twinsThen : twinsThen.tailMap(after, false);
    Iterator<String> then = tail.keySet().stream().filter(id -> models.contains(modelOf(id))).iterator();
    return merge(unchanged(now.twinIdsOfModels(models, after)), then);
  }

  @Override
  public List<RelationshipView> outgoing(String sourceId, @Nullable String name) {
    List<RelationshipView> out = new ArrayList<>();
    for (RelationshipView r : now.outgoing(sourceId, name)) {
      if (!changedRelationships.contains(Rollback.entityOf(r))) {
        out.add(r);
      }
    }
    for (RelationshipView r : outgoingThen.getOrDefault(sourceId, List.of())) {
      if (name == null || r.name().equals(name)) {
        out.add(copy(r));
      }
    }
    out.sort(Comparator.comparing(RelationshipView::id));
    return out;
  }

  @Override
  public List<RelationshipView> incoming(String targetId, @Nullable String name) {
    List<RelationshipView> out = new ArrayList<>();
    for (RelationshipView r : now.incoming(targetId, name)) {
      if (!changedRelationships.contains(Rollback.entityOf(r))) {
        out.add(r);
      }
    }
    for (RelationshipView r : incomingThen.getOrDefault(targetId, List.of())) {
      if (name == null || r.name().equals(name)) {
        out.add(copy(r));
      }
    }
    out.sort(Comparator.comparing(RelationshipView::sourceId).thenComparing(RelationshipView::id));
    return out;
  }

  @Override
  public Set<String> indexedPaths() {
    return Set.of();
  }

  @Override
  public Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after) {
    throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "there is no index on '" + path + "' in the past",
        List.of(new DoppelException.Detail("noIndex", "path", path)));
  }

  @Override
  public void close() {
    now.close();
  }

  @Override
  public String toString() {
    return "past@" + version + " over " + now;
  }

  private static RelationshipView copy(RelationshipView r) {
    return new RelationshipView(r.id(), r.sourceId(), r.targetId(), r.name(), r.etag(), r.json().deepCopy());
  }

  private Iterator<String> unchanged(Iterator<String> ids) {
    return filter(ids, id -> !changedTwins.contains(id));
  }

  private static Iterator<String> filter(Iterator<String> ids, Predicate<String> keep) {
    return new Iterator<>() {
      private @Nullable String next = advance();

      private @Nullable String advance() {
        while (ids.hasNext()) {
          String id = ids.next();
          if (keep.test(id)) {
            return id;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public String next() {
        String out = next;
        if (out == null) {
          throw new NoSuchElementException();
        }
        next = advance();
        return out;
      }
    };
  }

  /** Two ascending iterators of distinct ids as one ascending iterator (they never share an id). */
  private static Iterator<String> merge(Iterator<String> a, Iterator<String> b) {
    return new Iterator<>() {
      private @Nullable String headA = a.hasNext() ? a.next() : null;
      private @Nullable String headB = b.hasNext() ? b.next() : null;

      @Override
      public boolean hasNext() {
        return headA != null || headB != null;
      }

      @Override
      public String next() {
        String out;
        if (headA != null && (headB == null || headA.compareTo(headB) < 0)) {
          out = headA;
          headA = a.hasNext() ? a.next() : null;
        } else if (headB != null) {
          out = headB;
          headB = b.hasNext() ? b.next() : null;
        } else {
          throw new NoSuchElementException();
        }
        return out;
      }
    };
  }
}
