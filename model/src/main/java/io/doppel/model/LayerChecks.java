package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks DTDLParser makes of each layer of a layered element on its own (the base counts as a layer): an
 * element's semantic types need their required properties in the same layer ({@code missingObjectProperty}), and
 * a supplemental property needs a type in the same layer that allows it ({@code noTypeThatAllows}), and a
 * co-type needs its required co-co-types in the same layer ({@code missingCocotype}). The merged
 * element is validated as a whole separately.
 */
final class LayerChecks {
  private static final int MAX_LINEAGE = 20;

  private final MetaModel meta = MetaModel.get();
  private final Problems problems;

  LayerChecks(Problems problems) {
    this.problems = problems;
  }

  /** Checks one layer (or the base) of the element {@code id}. */
  void check(JsonNode layer, String id) {
    int version = DocumentContext.versionOf(layer.get("@context"));
    List<String> contexts = new ArrayList<>();
    contexts.add(MetaModel.dtdlContext(version));
    for (JsonNode c : Texts.items(layer.get("@context"))) {
      if (c.isTextual() && !c.asText().startsWith(DocumentContext.DTDL_CONTEXT)) {
        contexts.add(c.asText());
      }
    }
    walk(layer, id, version, contexts, 0);
  }

  private void walk(JsonNode node, String id, int version, List<String> contexts, int depth) {
    if (depth > 32) {
      return;
    }
    String material = null;
    List<JsonNode> supplemental = new ArrayList<>();
    for (String type : Texts.types(node)) {
      String cls = meta.materialClass(type, version, contexts);
      JsonNode supp = meta.supplementalType(type, contexts);
      if (cls != null) {
        material = cls;
      } else if (supp != null) {
        supplemental.add(supp);
      }
    }
    for (JsonNode supp : supplemental) {
      for (JsonNode co : supp.path("cocotypes")) {
        if (TypeClassifier.appliesTo(supp, material, supplemental, version)
            && supplemental.stream().noneMatch(o -> o == meta.supplementalTypeById(co.asText()))) {
          problems.add("missingCocotype", id, "@type", null,
              id + " has a supplemental @type in this layer that requires co-type " + co.asText() + " in it too.");
        }
      }
    }
    Set<String> allowed = new HashSet<>();
    for (JsonNode supp : supplemental) {
      // A co-type misplaced in this layer is reported on the merged element (invalidCotype...), not here.
      boolean applies = TypeClassifier.appliesTo(supp, material, supplemental, version);
      for (JsonNode type : lineage(supp)) {
        type.path("properties").properties().forEach(p -> {
          String name = p.getValue().path("propertyName").asText();
          allowed.add(p.getKey());
          allowed.add(name);
          boolean literal = p.getValue().path("type").asText("").startsWith("http://www.w3.org/2001/XMLSchema#");
          if (applies && p.getValue().path("minCount").asInt(0) > 0 && !literal && !node.has(name)
              && !node.has(p.getKey())) {
            problems.add("missingObjectProperty", id, p.getKey(), null,
                id + " requires property '" + name + "' in each layer that gives it its semantic type.");
          }
        });
      }
    }
    node.properties().forEach(e -> {
      String key = e.getKey();
      if (key.startsWith("@")) {
        return;
      }
      String expanded = key.startsWith("dtmi:") ? key : meta.expand(key, contexts);
      if (expanded != null && meta.isSupplementalProperty(expanded) && !allowed.contains(key)
          && !allowed.contains(expanded)) {
        problems.add("noTypeThatAllows", id, key, null,
            id + " does not have a @type in this layer that allows property '" + key + "'.");
      }
      boolean plural = e.getValue().isArray();
      for (JsonNode child : Texts.items(e.getValue())) {
        if (child.isObject() && (child.has("@type") || child.has("name"))) {
          walk(child, childId(child, id, key, plural), version, contexts, depth + 1);
        }
      }
    });
  }

  /** A nested element's id as the merge knows it: its own (without the layer's fragment) or a generated one. */
  private static String childId(JsonNode child, String parent, String key, boolean plural) {
    String own = child.path("@id").asText("");
    int hash = own.indexOf('#');
    if (hash > 0) {
      return own.substring(0, hash);
    }
    return LayerMerger.idOf(child, parent, key, plural);
  }

  private List<JsonNode> lineage(JsonNode supp) {
    List<JsonNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode current = supp;
    while (current != null && !current.isMissingNode() && out.size() < MAX_LINEAGE) {
      out.add(current);
      String parent = current.path("parent").asText("");
      if (parent.isEmpty() || !seen.add(parent)) {
        break;
      }
      current = meta.supplementalTypeById(parent);
    }
    return out;
  }
}
