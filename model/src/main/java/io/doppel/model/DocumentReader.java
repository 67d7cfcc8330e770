package io.doppel.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.LayerAssembler.Pending;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON text of documents and indexes every element that has an {@code @id}. */
final class DocumentReader {
  /**
   * How deep a document's JSON may nest. DTDL's own limits (schemas 8 levels deep, each 3 JSON levels) need under
   * 40; the validator walks elements recursively, so a document nested thousands of levels deep would overflow the
   * stack of the request thread instead of being refused.
   */
  static final int MAX_JSON_DEPTH = 128;
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build()).build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Batch batch;
  private final ParseOptions options;
  private final List<Definition> topLevel = new ArrayList<>();
  /** Top-level elements of batch documents, held until all are read so layers can be merged first. */
  private final List<Pending> pending = new ArrayList<>();
  /** Properties of merged elements that only a layer supplied. */
  private final LayerOrigins origins = new LayerOrigins();


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
    } catch (StreamConstraintsException e) {
      batch.validation().add("documentTooDeep", null, null, null, "The document nests JSON more than "
          + MAX_JSON_DEPTH + " levels deep; DTDL's schemas need far fewer.");
      return;
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
    List<Pending> plain = new LayerAssembler(batch.validation(), origins)
        .assemble(pending, base -> readTopLevel(base.element(), base.text(), true, false));
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
    if (id == null) {
      return; // @id is not a string (reported just now): the element's children could not be named in errors
    }
    Validator validator = new Validator(problems, options, context, batch.references(), fromBatch, origins,
        origins.isLayered(element));
    validator.validateRoot(element, id, context.version(), contexts);
    if (!idOk || !define) {
      return;
    }
    JsonNode normalized = Normalizer.normalize(element);
    Definition def = new Definition(new Dtmi(id), normalized, context.version(), text, fromBatch, id,
        context.limits());
    batch.define(def);
    if (fromBatch) {
      topLevel.add(def);
    }
    indexNested(normalized, context.version(), text, id, context.limits());
  }

  /** Indexes nested elements with an {@code @id} so DTMI references can reach them. */
  private void indexNested(JsonNode node, int version, String text, String partition, String limits) {
    node.properties().forEach(e -> {
      if (holdsNoElements(node, e.getKey(), version)) {
        return;
      }
      for (JsonNode child : Texts.items(e.getValue())) {
        if (child.isObject() && !e.getKey().startsWith("@")) {
          JsonNode idNode = child.get("@id");
          String inner = partition;
          if (idNode != null && idNode.isTextual() && Dtmi.isValid(idNode.asText())) {
            if (Texts.typeSet(child).contains("Interface")) {
              inner = idNode.asText();
            }
            batch.define(new Definition(new Dtmi(idNode.asText()), child, version, text, false, inner, limits));
          }
          indexNested(child, version, text, inner, limits);
        }
      }
    });
  }

  /** Literal and identifier properties (e.g. a Relationship's target) hold values, never elements to index. */
  private static boolean holdsNoElements(JsonNode node, String key, int version) {
    MetaModel meta = MetaModel.get();
    for (String type : Texts.types(node)) {
      String cls = meta.materialClass(type, version, List.of(MetaModel.dtdlContext(version)));
      PropertyDef def = cls == null ? null : meta.property(cls, version, key);
      if (def != null) {
        return def.literal() || def.identifier();
      }
    }
    return false;
  }
}
