package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sorts a batch's top-level elements into plain elements and layers (an {@code @id} with a {@code #fragment})
 * and merges each layer into its base, as DTDLParser's layering extension does. A fragment is always an invalid
 * id; without the layering context the element is not read at all, and an empty fragment names the base itself.
 */
final class LayerAssembler {
  private static final String LAYERING = "dtmi:dtdl:extension:layering;";

  private final Problems problems;
  private final LayerOrigins origins;

  LayerAssembler(Problems problems, LayerOrigins origins) {
    this.problems = problems;
    this.origins = origins;
  }

  /**
   * An element that is no layer (no layering context) may still hold elements that bring the layering context
   * along and call themselves layers: they cannot layer anything here.
   */
  private void latentLayers(JsonNode element, String id) {
    element.properties().forEach(e -> {
      for (JsonNode child : Texts.items(e.getValue())) {
        if (child.isObject() && child.path("@context").toString().contains(LAYERING)
            && Texts.typeSet(child).contains("Layer")) {
          problems.add("mismatchedLayers", id, e.getKey(), null,
              id + " property '" + e.getKey() + "' holds a layer, but " + id + " is not read as one.");
          return;
        }
      }
    });
  }

  /** A top-level element of a batch document, with its document's text. */
  record Pending(JsonNode element, String text) {}

  /**
   * The elements to read, layers merged into their bases.
   *
   * @param validateAlone validates a base element on its own (DTDLParser checks each layer, the base included)
   */
  List<Pending> assemble(List<Pending> pending, Consumer<Pending> validateAlone) {
    Map<String, List<Integer>> layers = new LinkedHashMap<>();
    List<Pending> plain = new ArrayList<>();
    List<Integer> plainPositions = new ArrayList<>();
    for (int position = 0; position < pending.size(); position++) {
      Pending p = pending.get(position);
      String id = p.element().path("@id").asText("");
      int hash = id.indexOf('#');
      if (hash <= 0 || !Dtmi.isValid(id.substring(0, hash))) {
        plain.add(p);
        plainPositions.add(position);
        continue;
      }
      String base = id.substring(0, hash);
      problems.add("invalidId", null, "@id", id, "Identifier '" + id + "' is invalid: it has a fragment.");
      if (!p.element().path("@context").toString().contains(LAYERING)) {
        latentLayers(p.element(), id);
        continue;
      }
      if (hash == id.length() - 1) {
        ObjectNode renamed = p.element().deepCopy();
        renamed.put("@id", base);
        plain.add(new Pending(renamed, p.text()));
        plainPositions.add(position);
        continue;
      }
      if (!Texts.typeSet(p.element()).contains("Layer")) {
        problems.add("disallowedIdFragment", base, "@id", null,
            base + " has an @id with a fragment but is not a Layer.");
      }
      List<Integer> list = layers.computeIfAbsent(base, k -> new ArrayList<>());
      for (int other : list) {
        if (pending.get(other).element().get("@id").asText().equals(id)) {
          problems.add("duplicateDefinition", base, null, null, "Layer " + id + " is defined more than once.");
        }
      }
      list.add(position);
    }
    LayerMerger merger = new LayerMerger(problems, origins);
    LayerChecks checks = new LayerChecks(problems);
    for (var e : layers.entrySet()) {
      int baseIndex = -1;
      for (int i = 0; i < plain.size(); i++) {
        if (plain.get(i).element().path("@id").asText("").equals(e.getKey())) {
          baseIndex = i;
        }
      }
      List<Integer> list = e.getValue();
      JsonNode merged;
      String text;
      int basePosition = baseIndex >= 0 ? plainPositions.get(baseIndex) : Integer.MAX_VALUE;
      if (baseIndex >= 0) {
        merged = plain.get(baseIndex).element();
        text = plain.get(baseIndex).text();
        // A base read before all its layers is parsed as an ordinary element; one read after a layer is
        // itself a partial definition, checked layer by layer.
        if (basePosition > list.get(0)) {
          origins.markLayered(merged);
          checks.check(merged, e.getKey());
        }
        validateAlone.accept(plain.get(baseIndex));
      } else {
        // No base: start from an empty element so the layers' nested elements are checked the same way.
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        empty.set("@context", pending.get(list.get(0)).element().path("@context").deepCopy());
        empty.put("@id", e.getKey());
        merged = empty;
        text = pending.get(list.get(0)).text();
      }
      for (int position : list) {
        JsonNode layer = pending.get(position).element();
        String layerId = layer.get("@id").asText();
        int version = DocumentContext.versionOf(layer.get("@context"));
        checks.check(layer, e.getKey());
        merged = merger.mergeLayer(merged, layer, e.getKey(), new LayerAdmission.Layer(
            layerId.substring(layerId.indexOf('#') + 1), version, position > basePosition));
      }
      origins.markLayered(merged);
      if (baseIndex >= 0) {
        plain.set(baseIndex, new Pending(merged, text));
      } else {
        plain.add(new Pending(merged, text));
      }
    }
    return plain;
  }
}
