package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds resolved {@link InterfaceModel}s: own and inherited contents, checked for cycles, depth and clashes. */
final class InterfaceBuilder {

  private final Batch batch;
  private final ElementReader elements;
  private final SchemaBuilder schemas;
  private final ContentBuilder contents;
  private final Map<Dtmi, InterfaceModel> built = new HashMap<>();
  private final Map<Dtmi, Integer> depths = new HashMap<>();
  private final Set<Dtmi> inProgress = new LinkedHashSet<>();
  private final LimitProfile profile = new LimitProfile();
  /** The JSON each content was built from, for checks that need what the records do not keep (extension terms). */
  private final Map<Content, JsonNode> sources = new java.util.IdentityHashMap<>();

  InterfaceBuilder(Batch batch) {
    this.batch = batch;
    this.elements = new ElementReader(batch);
    this.schemas = new SchemaBuilder(batch, elements, profile);
    this.contents = new ContentBuilder(batch, elements, schemas, this);
  }

  /** The Interface with this id, built on first use; null when it is missing, not an Interface, or cyclic. */
  @Nullable InterfaceModel byId(Dtmi id, String owner, String property) {
    InterfaceModel done = built.get(id);
    if (done != null) {
      return done;
    }
    if (inProgress.contains(id)) {
      batch.problems().add("recursiveStructureNarrow", owner, property, id.value(),
          owner + " refers to " + id + " through '" + property + "', which leads back to itself.");
      return null;
    }
    Definition def = batch.definition(id);
    if (def == null) {
      batch.unresolved(id, owner, property);
      return null;
    }
    if (!Texts.typeSet(def.node()).contains("Interface")) {
      batch.problems().add("incompatibleType", owner, property, id.value(),
          "'" + property + "' of " + owner + " refers to " + id + ", which is not an Interface.");
      return null;
    }
    return build(def.node(), id.value(), def.version(), def.source(), def.limits());
  }

  /** The limits profile of the Interface being built (inline Interfaces share their parent's). */
  String limits() {
    return profile.spec();
  }

  /** The JSON a content of a built Interface was read from (a missing node when it was not built here). */
  JsonNode source(Content content) {
    JsonNode node = sources.get(content);
    return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
  }

  /** Builds an Interface given as JSON (top-level, resolved or inline); null when it cannot be built. */
  @Nullable InterfaceModel build(JsonNode node, String id, int version, String source, String limits) {
    Dtmi dtmi = Ids.dtmiOrNull(id);
    if (dtmi == null) {
      return null;
    }
    InterfaceModel done = built.get(dtmi);
    if (done != null) {
      return done;
    }
    inProgress.add(dtmi);
    String prior = profile.enter(limits);
    try {
      InterfaceModel model = assemble(node, dtmi, version, source);
      built.put(dtmi, model);
      return model;
    } finally {
      profile.leave(prior);
      inProgress.remove(dtmi);
    }
  }

  private InterfaceModel assemble(JsonNode node, Dtmi id, int version, String source) {
    String owner = id.value();
    elements.checkCommon(node, owner, "Interface", version);
    List<Dtmi> bases = new ArrayList<>();
    List<InterfaceModel> baseModels = new ArrayList<>();
    Map<String, Content> all = new LinkedHashMap<>();
    int depth = 1;
    List<JsonNode> extendsItems = Texts.items(node.get("extends"));
    int maxExtends = 2;
    if (version < 3 && extendsItems.size() > maxExtends) {
      batch.problems().add("objectCountAboveMax", owner, "extends", null,
          owner + " extends " + extendsItems.size() + " Interfaces; at most " + maxExtends + " are allowed.");
    }
    for (int i = 0; i < extendsItems.size(); i++) {
      JsonNode item = extendsItems.get(i);
      InterfaceModel base = null;
      if (item.isTextual()) {
        if (!Dtmi.isValid(item.asText())) {
          batch.problems().add("idRefBadDtmiOrTerm", owner, "extends", item.asText(),
              "extends value '" + item.asText() + "' is not a valid DTMI.");
          continue;
        }
        base = byId(new Dtmi(item.asText()), owner, "extends");
      } else if (item.isObject()) {
        String childId = elements.idOf(item, owner, "extends", i);
        if (!Texts.typeSet(item).contains("Interface")) {
          batch.problems().add("incompatibleType", owner, "extends", childId, "extends may only hold Interfaces.");
          continue;
        }
        base = build(item, childId, version, source, profile.spec());
      } else {
        batch.problems().add("refNotStringOrObject", owner, "extends", item, "extends values must be DTMIs.");
      }
      if (base == null) {
        continue;
      }
      bases.add(base.id());
      baseModels.add(base);
      depth = Math.max(depth, depths.getOrDefault(base.id(), 1) + 1);
      base.contents().forEach((name, content) -> {
        Content prior = all.putIfAbsent(name, content);
        if (prior != null && !prior.definedIn().equals(content.definedIn())) {
          batch.problems().addWithSecondary("nonUniqueImportedPropertyValue", owner, content.definedIn().value(), "contents",
              name, owner + " inherits two contents named '" + name + "'.");
        }
      });
    }
    int maxDepth = MetaModel.get().maxDepth("Interface", "extends", version, profile.spec(), 10);
    if (depth > maxDepth + 1) {
      batch.problems().add("excessiveDepthNarrow", owner, "extends", null,
          owner + " has an extends hierarchy deeper than " + maxDepth + " levels.");
    }
    depths.put(id, depth);
    if (version >= 3 && extendsItems.size() > 1024) {
      batch.problems().add("excessiveCount", owner, "extends", null,
          owner + " extends " + extendsItems.size() + " Interfaces; at most 1024 are allowed.");
    }
    for (JsonNode schema : Texts.items(node.get("schemas"))) {
      contents.checkReusableSchema(schema, owner, version);
    }
    List<JsonNode> own = Texts.items(node.get("contents"));
    if (version < 3 && own.size() > 300) {
      batch.problems().add("objectCountAboveMax", owner, "contents", null,
          owner + " has " + own.size() + " contents; at most 300 are allowed.");
    }
    for (int i = 0; i < own.size(); i++) {
      Content content = contents.build(own.get(i), owner, id, version, i);
      if (content == null) {
        continue;
      }
      sources.put(content, own.get(i));
      Content prior = all.putIfAbsent(content.name(), content);
      if (prior != null && !prior.definedIn().equals(id)) {
        batch.problems().addWithSecondary("nonUniqueImportedPropertyValue", owner, content.element().id() == null ? null
            : content.element().id().value(), "contents", content.name(),
            owner + " has two contents named '" + content.name() + "'.");
      }
    }
    return new InterfaceModel(id, version, bases, Ancestry.of(baseModels), all, elements.element(node, owner), source);
  }
}
