package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which (rule, twin) pairs a change can alter: the twin itself for rules of its model that read a changed name,
 * and the twins that reach it over a relationship some rule aggregates over. A patch changes only the top-level
 * names its paths start with; a created or replaced twin changes all of them.
 */
final class Triggers {
  private final TwinEngine engine;
  /**
   * The (twin, relationship) pairs already followed in this batch: a room patched ten times in a batch needs its
   * floor found once (relationship changes add their ends themselves).
   */
  private final Set<String> followed = new HashSet<>();

  Triggers(TwinEngine engine) {
    this.engine = engine;
  }

  /** Starts a new batch: neighbours are looked up afresh. */
  void newBatch() {
    followed.clear();
  }

  void collect(TwinEvent event, Collection<Rule> rules, ModelCatalog catalog, Set<Target> out) {
    switch (event) {
      case TwinEvent.TwinCreated e -> twin(e.twinId(), e.model(), null, rules, catalog, out);
      case TwinEvent.TwinReplaced e -> twin(e.twinId(), e.model(), null, rules, catalog, out);
      case TwinEvent.TwinPatched e -> twin(e.twinId(), e.model(), patched(e.patch()), rules, catalog, out);
      case TwinEvent.RelationshipCreated e -> relationship(e.sourceId(), e.name(), e.targetId(), rules, out);
      case TwinEvent.RelationshipReplaced e -> relationship(e.sourceId(), e.name(), e.targetId(), rules, out);
      case TwinEvent.RelationshipDeleted e -> relationship(e.sourceId(), e.name(), e.targetId(), rules, out);
      // Relationship properties, deletions of twins (their relationships went first) and models read nothing here.
      case TwinEvent.RelationshipPatched e -> { }
      case TwinEvent.TwinDeleted e -> { }
      case TwinEvent.ModelsAdded e -> { }
      case TwinEvent.ModelDeleted e -> { }
      case TwinEvent.ModelDecommissioned e -> { }
    }
  }

  /** Telemetry with top-level {@code names} arrived for {@code twinId}. */
  void telemetry(String twinId, Set<String> names, Collection<Rule> rules, ModelCatalog catalog, Set<Target> out) {
    Dtmi model;
    try {
      model = engine.modelOf(twinId);
    } catch (RuntimeException e) {
      return; // deleted since
    }
    twin(twinId, model, names, rules, catalog, out);
  }

  /** {@code changed} null: every name may have changed. */
  private void twin(String twinId, Dtmi model, @Nullable Set<String> changed, Collection<Rule> rules,
      ModelCatalog catalog, Set<Target> out) {
    for (Rule rule : rules) {
      if (catalog.isA(model, rule.definition().model()) && touches(changed, rule.reads().self())) {
        out.add(new Target(rule.id(), twinId));
      }
      for (var n : rule.reads().neighbours().entrySet()) {
        if (n.getValue().isEmpty() || !touches(changed, n.getValue())) {
          continue;
        }
        String name = n.getKey().name();
        if (!followed.add(rule.id() + '\u0000' + n.getKey().direction() + '\u0000' + name + '\u0000' + twinId)) {
          continue;
        }
        if (n.getKey().direction() == Expr.Direction.OUT) {
          // twins with a relationship 'name' to this one aggregate over it
          for (String source : Links.sources(engine, twinId, name)) {
            out.add(new Target(rule.id(), source));
          }
        } else {
          for (String target : Links.targets(engine, twinId, name)) {
            out.add(new Target(rule.id(), target));
          }
        }
      }
    }
  }

  private static void relationship(String sourceId, String name, String targetId, Collection<Rule> rules,
      Set<Target> out) {
    for (Rule rule : rules) {
      for (Dependencies.Edge edge : rule.reads().neighbours().keySet()) {
        if (edge.name().equals(name)) {
          out.add(new Target(rule.id(), edge.direction() == Expr.Direction.OUT ? sourceId : targetId));
        }
      }
    }
  }

  private static boolean touches(@Nullable Set<String> changed, Set<String> read) {
    if (changed == null) {
      return true;
    }
    for (String name : read) {
      if (changed.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** The top-level names a JSON Patch's paths start with ({@code /thermostat/setPoint} gives {@code thermostat}). */
  static Set<String> patched(JsonNode patch) {
    Set<String> names = new HashSet<>();
    for (JsonNode op : patch) {
      for (String field : new String[] {"path", "from"}) {
        String path = op.path(field).asText("");
        if (path.startsWith("/")) {
          int end = path.indexOf('/', 1);
          names.add((end < 0 ? path.substring(1) : path.substring(1, end)).replace("~1", "/").replace("~0", "~"));
        }
      }
    }
    return names;
  }
}
