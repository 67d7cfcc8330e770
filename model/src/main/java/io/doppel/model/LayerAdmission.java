package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an element nested in a layer may be merged into the element it layers, reporting why not the
 * way DTDLParser does: a nested id must carry the layer's fragment, the element needs a material type where its
 * property requires one, and an element of a name-keyed property needs a name (or at least an id).
 */
final class LayerAdmission {
  private final MetaModel meta = MetaModel.get();
  private final Problems problems;

  LayerAdmission(Problems problems) {
    this.problems = problems;
  }

  /** What one layer's merge needs to know: its fragment, DTDL version, and whether it follows the base element. */
  record Layer(String fragment, int version, boolean afterBase) {}

  /**
   * The item to merge (with the layer's fragment removed from its id), or null when it must be left out.
   *
   * @param existing the elements the property already holds, to tell a repeated element from a new one
   */
  @Nullable JsonNode admit(JsonNode raw, JsonNode parentNode, String parent, String key, boolean plural,
      List<JsonNode> existing, Layer layer) {
    JsonNode item = withoutFragment(raw, parent, key, layer);
    if (item == null) {
      return null;
    }
    List<String> types = Texts.types(item);
    String itemId = LayerMerger.idOf(item, parent, key, plural);
    if (!types.isEmpty() && types.stream().allMatch("Layer"::equals)) {
      boolean repeated = existing.stream().anyMatch(e -> LayerMerger.idOf(e, parent, key, plural).equals(itemId));
      if (repeated && layer.afterBase()) {
        problems.add("layerMissingMaterialType", itemId, null, null,
            itemId + " is repeated in layer '" + layer.fragment() + "' without its material @type.");
      } else {
        problems.addWithSecondary("badType", parent, itemId, key, null,
            parent + " property '" + key + "' has a layer element " + itemId + " without a material @type.");
      }
      return null;
    }
    PropertyDef def = propertyOf(parentNode, key, layer.version());
    if (types.isEmpty() && (def == null || def.typeRequired())) {
      problems.addWithSecondary("badType", parent, itemId, key, null,
          parent + " property '" + key + "' has an element " + itemId + " without @type in layer '"
              + layer.fragment() + "'.");
      return null;
    }
    if (plural && !item.has("name") && requiresName(item, layer.version())) {
      if (!item.has("@id")) {
        problems.add("missingDtmiSegPropertyValue", parent, key, "name",
            parent + " property '" + key + "' has an element without @id or name in layer '" + layer.fragment()
                + "'.");
        return null;
      }
      problems.add("missingLiteralProperty", itemId, "name", null,
          itemId + " has no name in layer '" + layer.fragment() + "'.");
    }
    return item;
  }

  /**
   * Checks the elements nested in an element a layer adds: below a layer, an element with an @id must name the
   * layer's fragment too (a plain id would define a new element inside a partial definition).
   */
  void checkNested(JsonNode item, String itemId, Layer layer) {
    item.properties().forEach(e -> {
      for (JsonNode child : Texts.items(e.getValue())) {
        if (!child.isObject() || e.getKey().startsWith("@")) {
          continue;
        }
        String childId = child.path("@id").asText("");
        if (!childId.isEmpty() && !childId.contains("#")) {
          problems.addWithSecondary("mismatchedLayers", itemId, childId, e.getKey(), null, childId
              + " is defined inside layer '" + layer.fragment() + "' of " + itemId + " without the fragment.");
        } else if (childId.isEmpty()) {
          checkNested(child, LayerMerger.idOf(child, itemId, e.getKey(), e.getValue().isArray()), layer);
        }
      }
    });
  }

  /** The item with the layer's fragment stripped from its @id; null (reported) when the fragment is wrong. */
  private @Nullable JsonNode withoutFragment(JsonNode raw, String parent, String key, Layer layer) {
    JsonNode own = raw.get("@id");
    if (own == null || !own.isTextual()) {
      return raw;
    }
    String id = own.asText();
    int hash = id.indexOf('#');
    if (hash <= 0) {
      problems.addWithSecondary("mismatchedLayers", parent, id, key, null,
          id + " is defined inside a layer of " + parent + " without the layer's fragment.");
      return raw;
    }
    String base = id.substring(0, hash);
    if (!Texts.typeSet(raw).contains("Layer")) {
      problems.add("disallowedIdFragment", base, null, null, base + " has a fragment but is not a Layer.");
      return null;
    }
    if (!id.substring(hash + 1).equals(layer.fragment())) {
      problems.addWithSecondary("mismatchedLayers", parent, id, key, null,
          id + " is nested in layer '" + layer.fragment() + "' of " + parent + " but names another layer.");
      return null;
    }
    ObjectNode copy = raw.deepCopy();
    copy.put("@id", base);
    return copy;
  }

  private @Nullable PropertyDef propertyOf(JsonNode parentNode, String key, int version) {
    String cls = materialClass(parentNode, version);
    return cls == null ? null : meta.property(cls, version, key);
  }

  private boolean requiresName(JsonNode item, int version) {
    String cls = materialClass(item, version);
    PropertyDef name = cls == null ? null : meta.property(cls, version, "name");
    return name != null && name.minCount() > 0;
  }

  private @Nullable String materialClass(JsonNode node, int version) {
    for (String type : Texts.types(node)) {
      String cls = meta.materialClass(type, version, List.of(MetaModel.dtdlContext(version)));
      if (cls != null) {
        return cls;
      }
    }
    return null;
  }
}
