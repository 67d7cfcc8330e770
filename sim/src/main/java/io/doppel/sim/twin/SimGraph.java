package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.sim.dist.Invalid;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory, editable copy of the simulation-relevant part of a twin graph: the twins whose model has a
 * simulation role and the flow relationships between them. Scenarios change this copy, never the twin graph; it
 * is small (one entry per service, not per request), so copying it per scenario is cheap.
 */
public final class SimGraph {
  /** At most this many simulation twins: past it a graph is not something one run should hold. */
  public static final int MAX_TWINS = 10_000;

  private final ModelCatalog catalog;
  private final Map<Dtmi, SimSchema> schemas = new HashMap<>();
  private final Map<String, SimTwin> twins = new LinkedHashMap<>();
  private final Map<String, SimFlowEdge> flows = new LinkedHashMap<>();

  private SimGraph(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /** The simulation twins and flows of a snapshot; reads it once, so the snapshot may be closed afterwards. */
  public static SimGraph capture(GraphSnapshot snapshot) {
    SimGraph graph = new SimGraph(snapshot.models());
    Iterator<String> ids = snapshot.twinIds("", null);
    while (ids.hasNext()) {
      String id = ids.next();
      Dtmi model = snapshot.modelOf(id);
      if (model == null) {
        continue;
      }
      SimSchema schema = graph.schemaOf(model);
      if (schema == null || schema.role() == null) {
        continue;
      }
      TwinView view = snapshot.twin(id);
      if (view == null) {
        continue;
      }
      if (graph.twins.size() >= MAX_TWINS) {
        throw Invalid.field("twins", "the graph has more than " + MAX_TWINS + " simulation twins");
      }
      graph.twins.put(id, new SimTwin(id, schema, propertiesOf(view.json())));
    }
    for (SimTwin twin : List.copyOf(graph.twins.values())) {
      for (RelationshipView r : snapshot.outgoing(twin.id(), null)) {
        if (twin.schema().flows().containsKey(r.name()) && graph.twins.containsKey(r.targetId())) {
          graph.flows.put(r.id(), new SimFlowEdge(r.id(), r.sourceId(), r.targetId(), r.name(),
              propertiesOf(r.json())));
        }
      }
    }
    return graph;
  }

  /** An empty graph over a catalog, to be filled with {@link #putTwin} and {@link #putFlow}. */
  public static SimGraph empty(ModelCatalog catalog) {
    return new SimGraph(catalog);
  }

  public SimGraph copy() {
    SimGraph out = new SimGraph(catalog);
    out.schemas.putAll(schemas);
    twins.values().forEach(t -> out.twins.put(t.id(), new SimTwin(t.id(), t.schema(), t.properties().deepCopy())));
    flows.values().forEach(f -> out.flows.put(f.id(),
        new SimFlowEdge(f.id(), f.source(), f.target(), f.name(), f.properties().deepCopy())));
    return out;
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  public List<SimTwin> twins() {
    return List.copyOf(twins.values());
  }

  public List<SimFlowEdge> flows() {
    return List.copyOf(flows.values());
  }

  public @Nullable SimTwin twin(String id) {
    return twins.get(id);
  }

  public @Nullable SimFlowEdge flow(String id) {
    return flows.get(id);
  }

  public List<SimFlowEdge> outgoing(String id) {
    return flows.values().stream().filter(f -> f.source().equals(id)).toList();
  }

  /** What a model means to the simulation, or null when the catalog does not hold it. */
  public @Nullable SimSchema schemaOf(Dtmi model) {
    SimSchema known = schemas.get(model);
    if (known != null) {
      return known;
    }
    InterfaceModel m = catalog.get(model).orElse(null);
    if (m == null) {
      return null;
    }
    SimSchema schema = SimSchema.of(m, catalog);
    schemas.put(model, schema);
    return schema;
  }

  /** Adds or replaces a twin; {@code at} names the input for errors. */
  public void putTwin(String at, String id, Dtmi model, ObjectNode properties) {
    SimSchema schema = schemaOf(model);
    if (schema == null) {
      throw Invalid.field(at + ".model", "no model '" + model + "' is loaded");
    }
    if (schema.role() == null) {
      throw Invalid.field(at + ".model", "model '" + model + "' has no simulation role (SimSource, SimStation,"
          + " SimRouter or SimSink)");
    }
    if (!twins.containsKey(id) && twins.size() >= MAX_TWINS) {
      throw Invalid.field(at, "a graph holds at most " + MAX_TWINS + " simulation twins");
    }
    twins.put(id, new SimTwin(id, schema, properties.deepCopy()));
  }

  /** Removes a twin and every flow from or to it: calls to a removed twin are no longer made. */
  public boolean removeTwin(String id) {
    if (twins.remove(id) == null) {
      return false;
    }
    flows.values().removeIf(f -> f.source().equals(id) || f.target().equals(id));
    return true;
  }

  public void putFlow(String at, SimFlowEdge flow) {
    SimTwin source = twins.get(flow.source());
    if (source == null) {
      throw Invalid.field(at + ".source", "no simulation twin '" + flow.source() + "'");
    }
    if (!twins.containsKey(flow.target())) {
      throw Invalid.field(at + ".target", "no simulation twin '" + flow.target() + "'");
    }
    if (!source.schema().flows().containsKey(flow.name())) {
      throw Invalid.field(at + ".name", "'" + flow.name() + "' is not a flow relationship (SimFlow) of "
          + source.schema().model() + "; flows are " + source.schema().flows().keySet());
    }
    flows.put(flow.id(), new SimFlowEdge(flow.id(), flow.source(), flow.target(), flow.name(),
        flow.properties().deepCopy()));
  }

  public boolean removeFlow(String id) {
    return flows.remove(id) != null;
  }

  /** A twin's or relationship's document without the {@code $}-members: its property values. */
  private static ObjectNode propertiesOf(ObjectNode json) {
    ObjectNode out = json.objectNode();
    json.properties().forEach(e -> {
      if (!e.getKey().startsWith("$")) {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    return out;
  }

  static @Nullable JsonNode value(ObjectNode properties, @Nullable String name) {
    if (name == null) {
      return null;
    }
    JsonNode v = properties.get(name);
    return v == null || v.isNull() ? null : v;
  }
}
