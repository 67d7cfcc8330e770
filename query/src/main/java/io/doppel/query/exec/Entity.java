package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import org.jspecify.annotations.Nullable;

/** A twin or relationship bound in a row. A twin's document is decoded only when something reads it. */
sealed interface Entity {
  JsonNode json();

  final class Twin implements Entity {
    final String id;
    private final @Nullable GraphSnapshot snapshot;
    private final Run.@Nullable Stats stats;
    private @Nullable JsonNode json;

    Twin(String id, GraphSnapshot snapshot, Run.Stats stats) {
      this.id = id;
      this.snapshot = snapshot;
      this.stats = stats;
    }

    /** A twin whose document is already at hand (a change being streamed), read from no snapshot. */
    Twin(String id, JsonNode json) {
      this.id = id;
      this.snapshot = null;
      this.stats = null;
      this.json = json;
    }

    @Override
    public JsonNode json() {
      if (json == null && snapshot != null && stats != null) {
        stats.budget.charge(1);
        stats.twinsRead++;
        TwinView view = snapshot.twin(id);
        // a twin named by a relationship or an id list may not exist in this snapshot: it has no properties
        json = view == null ? MissingNode.getInstance() : view.json();
      }
      return json == null ? MissingNode.getInstance() : json;
    }
  }

  record Rel(RelationshipView view) implements Entity {
    @Override
    public JsonNode json() {
      return view.json();
    }
  }
}
