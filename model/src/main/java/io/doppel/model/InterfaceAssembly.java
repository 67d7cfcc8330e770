package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One Interface being built: its own checks, each {@code extends} item, then its contents, in that order. Where it
 * needs another Interface first (a base, a Component's schema) it stops and names it; {@link InterfaceBuilder}
 * builds that one and hands it back, and the assembly goes on where it stopped. Interfaces are thus built in
 * dependency order from the builder's explicit work list rather than by recursion, so a chain of any length needs
 * no more stack than a single Interface, and the problems come in the order a depth-first walk meets them.
 */
final class InterfaceAssembly {
  private enum Phase { START, EXTENDS, CONTENTS, DONE }

  private final Batch batch;
  private final ElementReader elements;
  private final ContentBuilder contents;
  private final LimitProfile profile;
  private final Map<Dtmi, Integer> depths;
  private final Map<Content, JsonNode> sources;

  private final JsonNode node;
  private final Dtmi id;
  private final String owner;
  private final int version;
  private final String source;
  /** The limits profile in force before this Interface's, restored when it is built. */
  private final String priorLimits;

  private final List<Dtmi> bases = new ArrayList<>();
  private final List<InterfaceModel> baseModels = new ArrayList<>();
  private final Map<String, Content> all = new LinkedHashMap<>();
  private int depth = 1;
  private List<JsonNode> extendsItems = List.of();
  private List<JsonNode> own = List.of();
  private Phase phase = Phase.START;
  /** The extends item or content being worked on. */
  private int index;
  private boolean awaitingBase;
  private @Nullable Function<@Nullable InterfaceModel, @Nullable Content> awaitingContent;
  private @Nullable InterfaceModel model;

  InterfaceAssembly(InterfaceBuilder builder, JsonNode node, Dtmi id, int version, String source,
      String priorLimits) {
    this.batch = builder.batch();
    this.elements = builder.elements();
    this.contents = builder.contents();
    this.profile = builder.profile();
    this.depths = builder.depths();
    this.sources = builder.sources();
    this.node = node;
    this.id = id;
    this.owner = id.value();
    this.version = version;
    this.source = source;
    this.priorLimits = priorLimits;
  }

  Dtmi id() {
    return id;
  }

  String priorLimits() {
    return priorLimits;
  }

  /** The built Interface, once {@link #advance} has returned null. */
  InterfaceModel model() {
    if (model == null) {
      throw new IllegalStateException(owner + " is not built yet");
    }
    return model;
  }

  /**
   * Goes on building, given the Interface the last need asked for ({@code answer}, null when it could not be built;
   * ignored on the first call). Returns the next Interface needed first, or null once this one is built.
   */
  @Nullable InterfaceNeed advance(@Nullable InterfaceModel answer) {
    if (awaitingBase) {
      awaitingBase = false;
      inherit(answer);
      index++;
    } else if (awaitingContent != null) {
      Function<@Nullable InterfaceModel, @Nullable Content> then = awaitingContent;
      awaitingContent = null;
      add(then.apply(answer));
      index++;
    }
    while (true) {
      switch (phase) {
        case START -> {
          start();
          phase = Phase.EXTENDS;
          index = 0;
        }
        case EXTENDS -> {
          if (index == extendsItems.size()) {
            afterExtends();
            phase = Phase.CONTENTS;
            index = 0;
            continue;
          }
          InterfaceNeed need = base(extendsItems.get(index), index);
          if (need != null) {
            awaitingBase = true;
            return need;
          }
          index++;
        }
        case CONTENTS -> {
          if (index == own.size()) {
            model = new InterfaceModel(id, version, bases, Ancestry.of(baseModels), all, elements.element(node, owner),
                source);
            phase = Phase.DONE;
            return null;
          }
          ContentStep step = contents.build(own.get(index), owner, id, version, index);
          if (step instanceof ContentStep.Waiting waiting) {
            awaitingContent = waiting.then();
            return waiting.need();
          }
          add(((ContentStep.Ready) step).content());
          index++;
        }
        case DONE -> throw new IllegalStateException(owner + " is built already");
      }
    }
  }

  private void start() {
    elements.checkCommon(node, owner, "Interface", version);
    extendsItems = Texts.items(node.get("extends"));
    int maxExtends = 2;
    if (version < 3 && extendsItems.size() > maxExtends) {
      batch.problems().add("objectCountAboveMax", owner, "extends", null,
          owner + " extends " + extendsItems.size() + " Interfaces; at most " + maxExtends + " are allowed.");
    }
  }

  /** The Interface an extends item names, or null when the item is refused (the problem is recorded). */
  private @Nullable InterfaceNeed base(JsonNode item, int i) {
    if (item.isTextual()) {
      if (!Dtmi.isValid(item.asText())) {
        batch.problems().add("idRefBadDtmiOrTerm", owner, "extends", item.asText(),
            "extends value '" + item.asText() + "' is not a valid DTMI.");
        return null;
      }
      return new InterfaceNeed.ById(new Dtmi(item.asText()), owner, "extends");
    }
    if (item.isObject()) {
      String childId = elements.idOf(item, owner, "extends", i);
      if (!Texts.typeSet(item).contains("Interface")) {
        batch.problems().add("incompatibleType", owner, "extends", childId, "extends may only hold Interfaces.");
        return null;
      }
      return new InterfaceNeed.Inline(item, childId, version, source, profile.spec());
    }
    batch.problems().add("refNotStringOrObject", owner, "extends", item, "extends values must be DTMIs.");
    return null;
  }

  private void inherit(@Nullable InterfaceModel base) {
    if (base == null) {
      return;
    }
    bases.add(base.id());
    baseModels.add(base);
    depth = Math.max(depth, depths.getOrDefault(base.id(), 1) + 1);
    base.contents().forEach((name, content) -> {
      Content prior = all.putIfAbsent(name, content);
      if (prior != null && !prior.definedIn().equals(content.definedIn())) {
        batch.problems().addWithSecondary("nonUniqueImportedPropertyValue", owner, content.definedIn().value(),
            "contents", name, owner + " inherits two contents named '" + name + "'.");
      }
    });
  }

  private void afterExtends() {
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
    own = Texts.items(node.get("contents"));
    if (version < 3 && own.size() > 300) {
      batch.problems().add("objectCountAboveMax", owner, "contents", null,
          owner + " has " + own.size() + " contents; at most 300 are allowed.");
    }
  }

  private void add(@Nullable Content content) {
    if (content == null) {
      return;
    }
    sources.put(content, own.get(index));
    Content prior = all.putIfAbsent(content.name(), content);
    if (prior != null && !prior.definedIn().equals(id)) {
      batch.problems().addWithSecondary("nonUniqueImportedPropertyValue", owner, content.element().id() == null ? null
          : content.element().id().value(), "contents", content.name(),
          owner + " has two contents named '" + content.name() + "'.");
    }
  }
}
