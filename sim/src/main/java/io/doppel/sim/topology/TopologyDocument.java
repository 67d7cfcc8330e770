package io.doppel.sim.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.sim.twin.SimFlowEdge;
import io.doppel.sim.twin.SimGraph;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An imported topology in Doppel's import shape: the models (as a pack's models.json) and the twins and
 * relationships (as a pack's graph.json), with the clients' arrival rate the import chose, each service's offered
 * load at that rate, and notes on what the file said that the simulation does not use.
 */
public record TopologyDocument(
    ArrayNode models, ArrayNode twins, ArrayNode relationships, double arrivalRate, Map<String, Double> offeredLoad,
    List<String> notes) {
  public TopologyDocument {
    offeredLoad = Map.copyOf(offeredLoad);
    notes = List.copyOf(notes);
  }

  public ObjectNode toJson() {
    ObjectNode out = TopologyDraft.JSON.createObjectNode();
    out.set("models", models.deepCopy());
    out.set("twins", twins.deepCopy());
    out.set("relationships", relationships.deepCopy());
    ObjectNode sim = out.putObject("simulation").put("arrivalRate", arrivalRate);
    ObjectNode load = sim.putObject("offeredLoad");
    new TreeMap<>(offeredLoad).forEach(load::put);
    notes.forEach(sim.putArray("notes")::add);
    return out;
  }

  /** The twins and relationships as the simulation sees them, without a twin engine. */
  public SimGraph simGraph() {
    return simGraph(twins, relationships);
  }

  static SimGraph simGraph(ArrayNode twins, ArrayNode relationships) {
    SimGraph graph = SimGraph.empty(TopologyModels.catalog());
    for (JsonNode t : twins) {
      graph.putTwin("twins[" + t.path("$dtId").asText() + "]", t.path("$dtId").asText(),
          new Dtmi(t.path("$metadata").path("$model").asText()), properties(t));
    }
    for (JsonNode r : relationships) {
      String id = r.path("$relationshipId").asText();
      graph.putFlow("relationships[" + id + "]", new SimFlowEdge(id, r.path("$sourceId").asText(),
          r.path("$targetId").asText(), r.path("$relationshipName").asText(), properties(r)));
    }
    return graph;
  }

  private static ObjectNode properties(JsonNode node) {
    ObjectNode out = TopologyDraft.JSON.createObjectNode();
    node.properties().forEach(e -> {
      if (!e.getKey().startsWith("$")) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }
}
