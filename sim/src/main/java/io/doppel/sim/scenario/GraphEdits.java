package io.doppel.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.twin.SimFlowEdge;
import io.doppel.sim.twin.SimGraph;
import io.doppel.sim.twin.SimTwin;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a scenario's structural changes to its copy of the graph, in order, and returns the time-based ones
 * (demand, flood for the workload; fail for the compiler's outages). A change naming a twin or relationship the
 * copy does not hold is rejected.
 */
final class GraphEdits {
  private GraphEdits() {}

  static List<Change> apply(SimGraph graph, List<Change> changes) {
    List<Change> timed = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      String at = "changes[" + i + "]";
      Change change = changes.get(i);
      switch (change) {
        case Change.SetProperty s -> {
          SimTwin twin = twin(graph, at, s.twin());
          set(twin.properties(), s.property(), s.value());
        }
        case Change.SetRelationshipProperty s -> {
          SimFlowEdge flow = graph.flow(s.relationship());
          if (flow == null) {
            throw Invalid.field(at + ".relationship", "no flow relationship '" + s.relationship() + "' in the"
                + " simulation");
          }
          set(flow.properties(), s.property(), s.value());
        }
        case Change.AddTwin a -> {
          if (graph.twin(a.twin()) != null) {
            throw Invalid.field(at + ".twin", "twin '" + a.twin() + "' exists already; use setProperty");
          }
          Dtmi model;
          try {
            model = new Dtmi(a.model());
          } catch (RuntimeException e) {
            throw Invalid.field(at + ".model", "is not a DTMI: " + a.model());
          }
          graph.putTwin(at, a.twin(), model, a.properties());
        }
        case Change.RemoveTwin r -> {
          if (!graph.removeTwin(r.twin())) {
            throw Invalid.field(at + ".twin", "no simulation twin '" + r.twin() + "'");
          }
        }
        case Change.AddRelationship a -> {
          if (graph.flow(a.relationship()) != null) {
            throw Invalid.field(at + ".relationship", "relationship '" + a.relationship() + "' exists already");
          }
          graph.putFlow(at, new SimFlowEdge(a.relationship(), a.source(), a.target(), a.name(), a.properties()));
        }
        case Change.RemoveRelationship r -> {
          if (!graph.removeFlow(r.relationship())) {
            throw Invalid.field(at + ".relationship", "no flow relationship '" + r.relationship() + "'");
          }
        }
        case Change.Fail f -> {
          SimTwin failed = twin(graph, at, f.twin());
          if (failed.role() != io.doppel.sim.twin.SimRole.STATION) {
            throw Invalid.field(at + ".twin", "'" + f.twin() + "' is a " + failed.role().name().toLowerCase(
                java.util.Locale.ROOT) + "; only a station (a twin that serves requests) can fail");
          }
          timed.add(f);
        }
        case Change.Demand d -> timed.add(d);
        case Change.Flood f -> {
          twin(graph, at, f.twin());
          timed.add(f);
        }
      }
    }
    return timed;
  }

  private static SimTwin twin(SimGraph graph, String at, String id) {
    SimTwin twin = graph.twin(id);
    if (twin == null) {
      throw Invalid.field(at + ".twin", "no simulation twin '" + id + "' (twins without a simulation role are not"
          + " part of the simulation)");
    }
    return twin;
  }

  private static void set(ObjectNode properties, String property, @org.jspecify.annotations.Nullable JsonNode value) {
    if (value == null) {
      properties.remove(property);
    } else {
      properties.set(property, value.deepCopy());
    }
  }
}
