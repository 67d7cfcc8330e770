package io.doppel.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON text of documents and indexes every element that has an {@code @id}. */
final class DocumentReader {
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Batch batch;
  private final ParseOptions options;
  private final List<Definition> topLevel = new ArrayList<>();
  /** Top-level elements of batch documents, held until all are read so layers can be merged first. */
  private final List<Pending> pending = new ArrayList<>();

  private record Pending(JsonNode element, String text) {}

  DocumentReader(Batch batch, ParseOptions options) {
    this.batch = batch;
    this.options = options;
  }

  List<Definition> topLevel() {
    return topLevel;
  }

  /** Parses one document; {@code fromBatch} is false for documents the resolver supplied. */
  void read(String text, boolean fromBatch) {
    JsonNode root;
    try {
      root = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (JsonProcessingException e) {
      batch.validation().add("notJsonObject", null, null, null, "The document is not valid JSON: " + e.getOriginalMessage());
      return;
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      batch.validation().add("notJsonObject", null, null, null, "A document must be a JSON object or array.");
      return;
    }
    for (JsonNode element : Texts.items(root)) {
      if (!element.isObject()) {
        batch.validation().add("notJsonObject", null, null, element, "Top-level elements must be JSON objects.");
        continue;
      }
      if (fromBatch) {
        pending.add(new Pending(element, text));
      } else {
        readTopLevel(element, text, false);
      }
    }
  }

  /** Processes the held batch elements, merging layers ({@code @id} with a fragment) into their base first. */
  void finish() {
    Problems problems = batch.validation();
    java.util.Map<String, List<Pending>> layers = new java.util.LinkedHashMap<>();
    List<Pending> plain = new ArrayList<>();
    for (Pending p : pending) {
      JsonNode idNode = p.element().get("@id");
      String id = idNode != null && idNode.isTextual() ? idNode.asText() : "";
      int hash = id.indexOf('#');
      if (hash > 0 && Dtmi.isValid(id.substring(0, hash))) {
        String base = id.substring(0, hash);
        problems.add("invalidId", null, "@id", id, "Identifier '" + id + "' is invalid: it has a fragment.");
        if (!Texts.typeSet(p.element()).contains("Layer")
            && p.element().path("@context").toString().contains("dtmi:dtdl:extension:layering;")) {
          problems.add("disallowedIdFragment", base, "@id", null,
              base + " has an @id with a fragment but is not a Layer.");
        }
        List<Pending> list = layers.computeIfAbsent(base, k -> new ArrayList<>());
        for (Pending other : list) {
          if (other.element().get("@id").asText().equals(id)) {
            problems.add("duplicateDefinition", base, null, null, "Layer " + id + " is defined more than once.");
          }
        }
        list.add(p);
      } else {
        plain.add(p);
      }
    }
    LayerMerger merger = new LayerMerger(problems);
    for (var e : layers.entrySet()) {
      int baseIndex = -1;
      for (int i = 0; i < plain.size(); i++) {
        JsonNode idNode = plain.get(i).element().get("@id");
        if (idNode != null && idNode.asText().equals(e.getKey())) {
          baseIndex = i;
        }
      }
      JsonNode merged;
      String text;
      List<Pending> list = e.getValue();
      if (baseIndex >= 0) {
        merged = plain.get(baseIndex).element();
        text = plain.get(baseIndex).text();
        // DTDLParser checks the base layer on its own too (a layer cannot supply what the base requires);
        // errors it shares with the merged element are reported once, as the problem list is a set.
        readTopLevel(merged, text, true, false);
      } else {
        // No base layer: start from an empty element so the layers' nested elements are checked the same way.
        com.fasterxml.jackson.databind.node.ObjectNode empty = com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.objectNode();
        empty.set("@context", list.get(0).element().path("@context").deepCopy());
        empty.put("@id", e.getKey());
        merged = empty;
        text = list.get(0).text();
      }
      for (Pending layer : list) {
        String layerId = layer.element().get("@id").asText();
        merged = merger.mergeLayer(merged, layer.element(), e.getKey(), layerId.substring(layerId.indexOf('#') + 1));
      }
      if (baseIndex >= 0) {
        plain.set(baseIndex, new Pending(merged, text));
      } else {
        plain.add(new Pending(merged, text));
      }
    }
    pending.clear();
    for (Pending p : plain) {
      readTopLevel(p.element(), p.text(), true);
    }
  }

  private void readTopLevel(JsonNode element, String text, boolean fromBatch) {
    readTopLevel(element, text, fromBatch, true);
  }

  /** Validates a top-level element and, when {@code define} is set, indexes it for building. */
  private void readTopLevel(JsonNode element, String text, boolean fromBatch, boolean define) {
    JsonNode idNode = element.get("@id");
    String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
    Problems problems = batch.validation();
    if (element.has("@graph")) {
      boolean contextInGraph = element.get("@graph").isObject() && element.get("@graph").has("@context");
      if (element.has("@context") || contextInGraph) {
        problems.add("topLevelGraphDisallowed", null, "@graph", null, "A top-level element may not use @graph.");
      }
      if (!element.has("@context")) {
        problems.add("missingContext", null, "@context", null, "The top-level element has no @context.");
      }
      return;
    }
    DocumentContext context = DocumentContext.read(element.get("@context"), id, options, problems);
    if (context == null) {
      return;
    }
    if (element.get("@id") == null) {
      problems.add("missingTopLevelId", null, "@id", null, "A top-level element needs an @id.");
      return;
    }
    List<String> contexts = new ArrayList<>();
    contexts.add(MetaModel.dtdlContext(context.version()));
    contexts.addAll(context.extensions());
    boolean idOk = ElementIds.check(element, "", context.version(), problems,
        context.version() == 2 && options.has(ParseOptions.Option.TolerateSolecismsInParse), contexts);
    Validator validator = new Validator(problems, options, context.version(), batch.references(), fromBatch);
    validator.validateRoot(element, id, context.version(), contexts);
    if (!idOk || !define) {
      return;
    }
    JsonNode normalized = Normalizer.normalize(element);
    Definition def = new Definition(new Dtmi(id), normalized, context.version(), text, fromBatch, id);
    batch.define(def);
    if (fromBatch) {
      topLevel.add(def);
    }
    indexNested(normalized, context.version(), text, id);
  }

  /** Indexes nested elements with an {@code @id} so DTMI references can reach them. */
  private void indexNested(JsonNode node, int version, String text, String partition) {
    node.properties().forEach(e -> {
      for (JsonNode child : Texts.items(e.getValue())) {
        if (child.isObject() && !e.getKey().startsWith("@")) {
          JsonNode idNode = child.get("@id");
          String inner = partition;
          if (idNode != null && idNode.isTextual() && Dtmi.isValid(idNode.asText())) {
            if (Texts.typeSet(child).contains("Interface")) {
              inner = idNode.asText();
            }
            batch.define(new Definition(new Dtmi(idNode.asText()), child, version, text, false, inner));
          }
          indexNested(child, version, text, inner);
        }
      }
    });
  }
}
