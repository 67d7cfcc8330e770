package io.doppel.twin;

import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.StoredIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Defining or dropping a property index. It goes through the sequencer like any write, so the definition is durable
 * in the same ordered log, and the index starts being maintained exactly at a batch boundary. The sequencer handles
 * it itself (see {@link Batch}) instead of preparing a {@link Change}.
 */
record IndexOp(IndexPath path, boolean create) implements Op.GraphOp {
  @Override
  public Change prepare(StateView state, Instant now) {
    throw new IllegalStateException("index operations are applied by the sequencer's index batch");
  }

  /**
   * The index operations of one batch: their mutations join the batch's commit, and their effect on the graph is
   * applied with the batch ({@link #applyTo}, inside the apply lock). A create answers the {@link PropertyIndex}
   * (building, or the existing one); a drop answers whether there was an index.
   */
  static final class Batch {
    private final Graph graph;
    /** Paths this batch created (the new index) or dropped ({@code null}). */
    private @Nullable Map<String, @Nullable PropertyIndex> changed;
    private final List<Runnable> effects = new ArrayList<>(0);

    Batch(Graph graph) {
      this.graph = graph;
    }

    Object add(IndexOp op, List<Mutation> mutations) {
      String path = op.path().text();
      PropertyIndex existing = changed != null && changed.containsKey(path) ? changed.get(path) : graph.index(path);
      if (changed == null) {
        changed = new HashMap<>();
      }
      if (op.create()) {
        if (existing != null) {
          mutations.add(new Mutation.PutIndex(new StoredIndex(path)));
          return existing;
        }
        PropertyIndex index = new PropertyIndex(op.path(), graph.snapshots(), PropertyIndex.State.BUILDING);
        changed.put(path, index);
        mutations.add(new Mutation.PutIndex(new StoredIndex(path)));
        effects.add(() -> graph.startIndex(index));
        return index;
      }
      changed.put(path, null);
      mutations.add(new Mutation.DeleteIndex(path));
      effects.add(() -> graph.dropIndex(path));
      return existing != null;
    }

    /** Inside {@link Graph#apply}, after the batch's other changes. */
    void applyTo() {
      effects.forEach(Runnable::run);
    }
  }
}
