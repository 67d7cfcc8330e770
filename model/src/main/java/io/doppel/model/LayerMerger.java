package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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

  LayerMerger(Problems problems) {
    this.problems = problems;
  }

  /** Merges a layer whose own id carries {@code #fragment}; nested ids must carry the same fragment. */
  ObjectNode mergeLayer(JsonNode base, JsonNode layer, String id, String fragment) {
    this.fragment = fragment;
    return merge(base, layer, id);
  }

  private String fragment = "";

  ObjectNode merge(JsonNode base, JsonNode layer, String id) {
    ObjectNode out = base.deepCopy();
    if (dtdlVersion(base) != null && dtdlVersion(layer) != null && !dtdlVersion(base).equals(dtdlVersion(layer))) {
      problems.add("inconsistentContext", id, null, null,
          id + " is defined in layers of different DTDL versions.");
    }
    layer.properties().forEach(e -> {
      String key = e.getKey();
      JsonNode mine = out.get(key);
      JsonNode theirs = e.getValue();
      if (key.equals("@id") || key.equals("@context")) {
        return;
      }
      if (mine == null && holdsElements(theirs)) {
        out.set(key, mergeElements(JsonNodeFactory.instance.arrayNode(), theirs, id, key));
      } else if (mine == null) {
        out.set(key, theirs.deepCopy());
      } else if (key.equals("@type")) {
        Set<String> types = new LinkedHashSet<>(Texts.types(out));
        types.addAll(Texts.types(layer));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        types.forEach(array::add);
        out.set(key, array);
      } else if (holdsElements(mine) && holdsElements(theirs)) {
        out.set(key, mergeElements(mine, theirs, id, key));
      } else if (!mine.equals(theirs)) {
        problems.add("inconsistent" + kind(key, mine) + "Values", id, key, null,
            id + " property '" + key + "' has different values in different layers.");
      }
    });
    return out;
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

  private JsonNode mergeElements(JsonNode mine, JsonNode theirs, String parent, String key) {
    List<JsonNode> merged = new ArrayList<>(Texts.items(mine));
    boolean plural = mine.isArray() || theirs.isArray() || merged.size() > 1;
    for (JsonNode raw : Texts.items(theirs)) {
      JsonNode item = raw;
      JsonNode own = raw.get("@id");
      if (own != null && own.isTextual()) {
        int hash = own.asText().indexOf('#');
        if (hash > 0) {
          String base = own.asText().substring(0, hash);
          if (!Texts.typeSet(raw).contains("Layer")) {
            problems.add("disallowedIdFragment", base, null, null, base + " has a fragment but is not a Layer.");
            continue;
          }
          if (!own.asText().substring(hash + 1).equals(fragment)) {
            problems.addWithSecondary("mismatchedLayers", parent, own.asText(), key, null,
                own.asText() + " is nested in layer '" + fragment + "' of " + parent + " but names another layer.");
            continue;
          }
          ObjectNode copy = raw.deepCopy();
          copy.put("@id", base);
          item = copy;
        } else {
          problems.addWithSecondary("mismatchedLayers", parent, own.asText(), key, null,
              own.asText() + " is defined inside a layer of " + parent + " without the layer's fragment.");
        }
      }
      String itemId = idOf(item, parent, key, plural);
      if (item.has("@type") && Texts.types(item).stream().allMatch("Layer"::equals)) {
        problems.addWithSecondary("badType", parent, itemId, key, null,
            parent + " property '" + key + "' has a layer element " + itemId + " without a material @type.");
        continue;
      }
      int match = -1;
      for (int i = 0; i < merged.size(); i++) {
        if (idOf(merged.get(i), parent, key, plural).equals(itemId)) {
          match = i;
        }
      }
      if (match >= 0) {
        merged.set(match, merge(merged.get(match), item, itemId));
      } else {
        merged.add(item.deepCopy());
      }
    }
    if (merged.size() == 1 && !mine.isArray() && !theirs.isArray()) {
      return merged.get(0);
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    merged.forEach(array::add);
    return array;
  }

  private static String idOf(JsonNode item, String parent, String key, boolean plural) {
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
    if (!LITERALS.contains(key) && !key.startsWith("@")) {
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
