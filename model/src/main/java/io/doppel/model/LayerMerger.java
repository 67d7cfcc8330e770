package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges a layer (a top-level element whose {@code @id} carries a {@code #fragment}) into the element it layers,
 * the way DTDLParser merges partial definitions: elements are matched by their (given or generated) id and merged
 * recursively; literal values must agree; plural properties gather the values of both.
 */
final class LayerMerger {
  private final Problems problems;
  private final LayerOrigins origins;
  private final LayerAdmission admission;
  private LayerAdmission.Layer layer = new LayerAdmission.Layer("", 3, true);

  LayerMerger(Problems problems, LayerOrigins origins) {
    this.problems = problems;
    this.origins = origins;
    this.admission = new LayerAdmission(problems);
  }

  /** Merges a layer (its own id carries the layer's fragment, which nested ids must carry too). */
  ObjectNode mergeLayer(JsonNode base, JsonNode layerNode, String id, LayerAdmission.Layer layer) {
    this.layer = layer;
    return merge(base, layerNode, id);
  }

  ObjectNode merge(JsonNode base, JsonNode layerNode, String id) {
    ObjectNode out = base.deepCopy();
    if (dtdlVersion(base) != null && dtdlVersion(layerNode) != null && !dtdlVersion(base).equals(dtdlVersion(layerNode))) {
      problems.add("inconsistentContext", id, null, null,
          id + " is defined in layers of different DTDL versions.");
    }
    layerNode.properties().forEach(e -> {
      String key = e.getKey();
      JsonNode mine = out.get(key);
      JsonNode theirs = e.getValue();
      if (key.equals("@id") || key.equals("@context")) {
        return;
      }
      if (mine == null && holdsElements(theirs)) {
        out.set(key, mergeElements(JsonNodeFactory.instance.arrayNode(), theirs, out, id, key));
      } else if (mine == null) {
        out.set(key, theirs.deepCopy());
        origins.record(out, key);
      } else if (key.equals("@type")) {
        Set<String> types = new LinkedHashSet<>(Texts.types(out));
        // "Layer" marks the partial definition itself; the merged element is not a Layer.
        Texts.types(layerNode).stream().filter(t -> !t.equals("Layer")).forEach(types::add);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        types.forEach(array::add);
        out.set(key, array);
      } else if (holdsElements(mine) && holdsElements(theirs)) {
        out.set(key, mergeElements(mine, theirs, out, id, key));
      } else if (kind(key, mine).equals("LangString") && langShaped(mine) && langShaped(theirs)) {
        mergeLangStrings(out, key, mine, theirs, id);
      } else if (!mine.equals(theirs) && (coreProperty(out, key) || sameTypes(base, layerNode))) {
        problems.add("inconsistent" + kind(key, mine) + "Values", id, key, null,
            id + " property '" + key + "' has different values in different layers.");
      }
    });
    return out;
  }

  /**
   * Layers may each describe an element in other languages: the language maps are united, and only a language
   * given different texts in different layers is inconsistent.
   */
  private void mergeLangStrings(ObjectNode out, String key, JsonNode mine, JsonNode theirs, String id) {
    Map<String, String> merged = new LinkedHashMap<>(Texts.langMap(mine));
    for (Map.Entry<String, String> e : Texts.langMap(theirs).entrySet()) {
      String prior = merged.putIfAbsent(e.getKey(), e.getValue());
      if (prior != null && !prior.equals(e.getValue())) {
        problems.add("inconsistentLangStringValues", id, key, null,
            id + " property '" + key + "' has different '" + e.getKey() + "' texts in different layers.");
        return;
      }
    }
    ObjectNode map = JsonNodeFactory.instance.objectNode();
    merged.forEach(map::put);
    out.set(key, map);
  }

  /** A well-formed language string; anything else is left to the validator, so it is not merged away. */
  private static boolean langShaped(JsonNode value) {
    return value.isTextual() || (value.isObject() && !value.has("@value")
        && value.properties().stream().allMatch(e -> e.getValue().isTextual()))
        || (value.isArray() && Texts.items(value).stream().allMatch(i -> i.path("@value").isTextual()));
  }

  private static @Nullable String dtdlVersion(JsonNode element) {
    for (JsonNode c : Texts.items(element.get("@context"))) {
      if (c.isTextual() && c.asText().startsWith(DocumentContext.DTDL_CONTEXT)) {
        return c.asText();
      }
    }
    return null;
  }

  private static boolean holdsElements(JsonNode value) {
    List<JsonNode> items = Texts.items(value);
    // Elements carry @type, @id or name; language maps and value objects do not.
    return !items.isEmpty() && items.stream().allMatch(JsonNode::isObject)
        && items.stream().noneMatch(i -> i.has("@value") || i.has("@language"))
        && items.stream().allMatch(i -> i.has("@type") || i.has("@id") || i.has("name"));
  }

  private JsonNode mergeElements(JsonNode mine, JsonNode theirs, JsonNode parentNode, String parent, String key) {
    List<JsonNode> merged = new ArrayList<>(Texts.items(mine));
    boolean plural = mine.isArray() || theirs.isArray() || merged.size() > 1;
    List<JsonNode> offered = Texts.items(theirs);
    int admitted = 0;
    for (JsonNode raw : offered) {
      JsonNode item = admission.admit(raw, parentNode, parent, key, plural, merged, layer);
      if (item == null) {
        continue;
      }
      admitted++;
      String itemId = idOf(item, parent, key, plural);
      int match = -1;
      for (int i = 0; i < merged.size(); i++) {
        if (idOf(merged.get(i), parent, key, plural).equals(itemId)) {
          match = i;
        }
      }
      if (match >= 0) {
        merged.set(match, merge(merged.get(match), item, itemId));
      } else {
        admission.checkNested(item, itemId, layer);
        merged.add(item.deepCopy());
      }
    }
    if (admitted == 0 && !offered.isEmpty() && minCount(parentNode, key) > 0) {
      // The layer states the property but none of its values stands: as a partial definition it has none.
      problems.add("objectCountBelowMin", parent, key, null,
          parent + " property '" + key + "' has no valid value in layer '" + layer.fragment() + "'.");
    }
    if (merged.size() == 1 && !mine.isArray() && !theirs.isArray()) {
      return merged.get(0);
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    merged.forEach(array::add);
    return array;
  }

  private int minCount(JsonNode parentNode, String key) {
    PropertyDef def = coreDefinition(parentNode, key);
    return def == null ? 0 : def.minCount();
  }

  private boolean coreProperty(JsonNode element, String key) {
    return key.startsWith("@") || coreDefinition(element, key) != null;
  }

  private @Nullable PropertyDef coreDefinition(JsonNode element, String key) {
    for (String type : Texts.types(element)) {
      String cls = MetaModel.get().materialClass(type, layer.version(),
          List.of(MetaModel.dtdlContext(layer.version())));
      PropertyDef def = cls == null ? null : MetaModel.get().property(cls, layer.version(), key);
      if (def != null) {
        return def;
      }
    }
    return null;
  }

  /**
   * A supplemental property (e.g. {@code unit}) belongs to the types that define it: when two layers give an
   * element different types, their values are not compared; a conflict between the types is reported instead.
   */
  private static boolean sameTypes(JsonNode base, JsonNode layerNode) {
    Set<String> mine = new LinkedHashSet<>(Texts.types(base));
    Set<String> theirs = new LinkedHashSet<>(Texts.types(layerNode));
    mine.remove("Layer");
    theirs.remove("Layer");
    return mine.equals(theirs);
  }

  static String idOf(JsonNode item, String parent, String key, boolean plural) {
    JsonNode own = item.get("@id");
    if (own != null && own.isTextual()) {
      return own.asText();
    }
    JsonNode name = item.get("name");
    return Ids.child(parent, key, plural && name != null && name.isTextual() ? name.asText() : null, -1);
  }

  private static final Set<String> LITERALS = Set.of("name", "comment", "writable", "enumValue", "minMultiplicity",
      "maxMultiplicity", "nullable", "displayName", "description", "target");

  private static String kind(String key, JsonNode value) {
    if (key.equals("displayName") || key.equals("description")) {
      return "LangString";
    }
    if (!LITERALS.contains(key) && !key.startsWith("@") && !MetaModel.get().isLiteralSupplementalProperty(key)) {
      return "Object";
    }
    if (key.equals("target")) {
      return "Identifier";
    }
    if (value.isTextual()) {
      return "String";
    }
    if (value.isIntegralNumber()) {
      return "Integer";
    }
    if (value.isBoolean()) {
      return "Boolean";
    }
    return "Object";
  }
}
