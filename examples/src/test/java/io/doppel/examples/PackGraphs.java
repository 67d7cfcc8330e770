package io.doppel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.sim.twin.SimFlowEdge;
import io.doppel.sim.twin.SimGraph;
import io.doppel.sim.twin.SimSchema;
import io.doppel.sim.twin.SimTwin;

/** A pack's graph.json as the simulation sees it, without a twin engine: the twins with a role and their flows. */
final class PackGraphs {
  private PackGraphs() {}

  static SimGraph simGraph(ModelCatalog catalog, JsonNode graph) {
    SimGraph sim = SimGraph.empty(catalog);
    for (JsonNode twin : graph.path("twins")) {
      Dtmi model = new Dtmi(twin.path("$metadata").path("$model").asText());
      SimSchema schema = sim.schemaOf(model);
      if (schema != null && schema.role() != null) {
        sim.putTwin("twins", twin.path("$dtId").asText(), model, withoutMetadata(twin));
      }
    }
    for (JsonNode r : graph.path("relationships")) {
      SimTwin source = sim.twin(r.path("$sourceId").asText());
      String name = r.path("$relationshipName").asText();
      if (source != null && source.schema().flows().containsKey(name)
          && sim.twin(r.path("$targetId").asText()) != null) {
        sim.putFlow("relationships", new SimFlowEdge(r.path("$relationshipId").asText(), source.id(),
            r.path("$targetId").asText(), name, withoutMetadata(r)));
      }
    }
    return sim;
  }

  private static ObjectNode withoutMetadata(JsonNode node) {
    ObjectNode out = ((ObjectNode) node).objectNode();
    node.properties().forEach(e -> {
      if (!e.getKey().startsWith("$")) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }
}
