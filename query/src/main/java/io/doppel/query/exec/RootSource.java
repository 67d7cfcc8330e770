package io.doppel.query.exec;

import io.doppel.query.plan.Access;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.RelationshipView;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** Reads the first collection through its access path, lazily, in key order, resuming after a given key. */
final class RootSource {
  /** One row of the first collection and its key. */
  record Item(RootKey key, Entity entity) {}

  private RootSource() {}

  static Iterator<Item> open(Access access, GraphSnapshot snapshot, @Nullable RootKey after, Run.Stats stats) {
    return switch (access) {
      case Access.TwinScan s -> twins(snapshot.twinIds("", afterId(after)), snapshot, stats);
      case Access.TwinPrefix p -> twins(snapshot.twinIds(p.prefix(), afterId(after)), snapshot, stats);
      case Access.TwinModels m -> m.models().isEmpty() ? Collections.emptyIterator()
          : twins(snapshot.twinIdsOfModels(m.models(), afterId(after)), snapshot, stats);
      case Access.TwinIds ids -> {
        String from = afterId(after);
        Iterator<String> visible = ids.ids().stream()
            .filter(id -> from == null || id.compareTo(from) > 0)
            .filter(id -> snapshot.modelOf(id) != null).iterator();
        yield twins(visible, snapshot, stats);
      }
      case Access.TwinRange r -> {
        Iterator<IndexEntry> entries = snapshot.indexRange(r.path(), r.range(),
            after instanceof RootKey.Entry e ? e.entry() : null);
        yield map(entries, e -> {
          stats.budget.charge(1);
          stats.rowsScanned++;
          return new Item(new RootKey.Entry(e), new Entity.Twin(e.twinId(), snapshot, stats));
        });
      }
      case Access.TwinValues values -> {
        IndexEntry from = after instanceof RootKey.Entry e ? e.entry() : null;
        Iterator<IndexEntry> entries = values.values().stream()
            .filter(v -> from == null || v.compareTo(from.value()) >= 0)
            .flatMap(v -> stream(snapshot.indexRange(values.path(), IndexRange.equalTo(v),
                from != null && v.equals(from.value()) ? from : null)))
            .iterator();
        yield map(entries, e -> {
          stats.budget.charge(1);
          stats.rowsScanned++;
          return new Item(new RootKey.Entry(e), new Entity.Twin(e.twinId(), snapshot, stats));
        });
      }
      case Access.RelBySource s -> rels(after(snapshot.outgoing(s.sourceId(), s.name()), after), stats);
      case Access.RelByTarget t -> rels(after(snapshot.incoming(t.targetId(), t.name()), after), stats);
      case Access.RelScan s -> relScan(snapshot, s.name(), after, stats);
    };
  }

  private static <T> java.util.stream.Stream<T> stream(Iterator<T> it) {
    return java.util.stream.StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED), false);
  }

  private static @Nullable String afterId(@Nullable RootKey after) {
    return after instanceof RootKey.Id id ? id.id() : null;
  }

  private static Iterator<Item> twins(Iterator<String> ids, GraphSnapshot snapshot, Run.Stats stats) {
    return map(ids, id -> {
      stats.budget.charge(1);
      stats.rowsScanned++;
      return new Item(new RootKey.Id(id), new Entity.Twin(id, snapshot, stats));
    });
  }

  private static Iterator<RelationshipView> after(List<RelationshipView> rels, @Nullable RootKey after) {
    if (!(after instanceof RootKey.Rel r)) {
      return rels.iterator();
    }
    return rels.stream().filter(v -> {
      int bySource = v.sourceId().compareTo(r.sourceId());
      return bySource > 0 || (bySource == 0 && v.id().compareTo(r.relationshipId()) > 0);
    }).iterator();
  }

  private static Iterator<Item> rels(Iterator<RelationshipView> rels, Run.Stats stats) {
    return map(rels, v -> {
      stats.budget.charge(1);
      stats.rowsScanned++;
      stats.relationshipsRead++;
      return new Item(new RootKey.Rel(v.sourceId(), v.id()), new Entity.Rel(v));
    });
  }

  /** Every relationship, source twin by source twin; resuming first finishes the source it stopped in. */
  private static Iterator<Item> relScan(GraphSnapshot snapshot, @Nullable String name, @Nullable RootKey after,
      Run.Stats stats) {
    Iterator<String> sources = snapshot.twinIds("", after instanceof RootKey.Rel r ? r.sourceId() : null);
    Iterator<RelationshipView> first = after instanceof RootKey.Rel r
        ? after(snapshot.outgoing(r.sourceId(), name), after) : Collections.emptyIterator();
    Iterator<RelationshipView> all = new Iterator<>() {
      private Iterator<RelationshipView> current = first;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && sources.hasNext()) {
          stats.budget.charge(1);
          current = snapshot.outgoing(sources.next(), name).iterator();
        }
        return current.hasNext();
      }

      @Override
      public RelationshipView next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
    return rels(all, stats);
  }

  private static <A, B> Iterator<B> map(Iterator<A> source, java.util.function.Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public B next() {
        return f.apply(source.next());
      }
    };
  }
}
