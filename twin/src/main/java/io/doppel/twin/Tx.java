package io.doppel.twin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The sequencer's view of a batch being built: the committed graph with the batch's earlier changes on top, so
 * that later requests in the same batch see them. Nothing reaches the graph until the batch is durable.
 */
final class Tx implements StateView {
  private final Graph graph;
  /** Twins changed in this batch; a deleted twin maps to {@link #DELETED}, so one lookup answers. */
  private final Map<String, Object> twins;
  private final Map<String, Map<String, @Nullable RelState>> outgoing = new HashMap<>();
  private final Map<String, Integer> incomingDelta = new HashMap<>();
  private final List<Consumer<Graph>> pending;
  private @Nullable Models models;
  private static final Object DELETED = new Object();

  Tx(Graph graph, int expectedChanges) {
    this.graph = graph;
    this.twins = HashMap.newHashMap(expectedChanges);
    this.pending = new ArrayList<>(expectedChanges);
  }

  @Override
  public Models models() {
    return models != null ? models : graph.models();
  }

  @Override
  public @Nullable TwinState twin(String id) {
    Object changed = twins.get(id);
    if (changed == null) {
      return graph.twin(id);
    }
    return changed == DELETED ? null : (TwinState) changed;
  }

  @Override
  public @Nullable RelState relationship(String sourceId, String id) {
    Map<String, @Nullable RelState> overlay = outgoing.get(sourceId);
    if (overlay != null && overlay.containsKey(id)) {
      return overlay.get(id);
    }
    return graph.relationship(sourceId, id);
  }

  @Override
  public Collection<RelState> outgoing(String sourceId) {
    Map<String, @Nullable RelState> overlay = outgoing.get(sourceId);
    if (overlay == null) {
      return graph.outgoing(sourceId);
    }
    TreeMap<String, RelState> merged = new TreeMap<>(graph.outgoingMap(sourceId));
    overlay.forEach((id, rel) -> {
      if (rel == null) {
        merged.remove(id);
      } else {
        merged.put(id, rel);
      }
    });
    return merged.values();
  }

  @Override
  public boolean hasIncoming(String targetId) {
    return graph.incomingMap(targetId).size() + incomingDelta.getOrDefault(targetId, 0) > 0;
  }

  RecentTrees trees() {
    return graph.trees();
  }

  void models(Models next) {
    models = next;
    pending.add(g -> g.models(next));
  }

  void putTwin(TwinState twin) {
    twins.put(twin.id(), twin);
    pending.add(g -> g.putTwin(twin));
  }

  void removeTwin(String id) {
    twins.put(id, DELETED);
    pending.add(g -> g.removeTwin(id));
  }

  void putRelationship(RelState rel) {
    RelState old = relationship(rel.sourceId(), rel.id());
    if (old != null) {
      incomingDelta.merge(old.targetId(), -1, Integer::sum);
    }
    incomingDelta.merge(rel.targetId(), 1, Integer::sum);
    outgoing.computeIfAbsent(rel.sourceId(), k -> new HashMap<>()).put(rel.id(), rel);
    pending.add(g -> g.putRelationship(rel));
  }

  void removeRelationship(RelState old) {
    incomingDelta.merge(old.targetId(), -1, Integer::sum);
    outgoing.computeIfAbsent(old.sourceId(), k -> new HashMap<>()).put(old.id(), null);
    pending.add(g -> g.removeRelationship(old.sourceId(), old.id()));
  }

  /** Applies the batch to the graph, in order; called once the batch is durable. */
  void applyTo(Graph target) {
    pending.forEach(change -> change.accept(target));
  }
}
