package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds resolved {@link InterfaceModel}s: own and inherited contents, checked for cycles, depth and clashes.
 *
 * <p>An Interface needs its bases and its Components' Interfaces built first. Rather than recursing along those
 * references (a chain of a few thousand Interfaces would exhaust the stack), the builder keeps the Interfaces under
 * way on an explicit work list: the top one {@linkplain InterfaceAssembly#advance advances} until it names an
 * Interface it needs, which is answered at once (built already, missing, or under way: a cycle) or pushed on top.
 * Each Interface is therefore built after what it depends on, in the order a depth-first walk meets them.
 */
final class InterfaceBuilder {

  private final Batch batch;
  private final ElementReader elements;
  private final ContentBuilder contents;
  private final Map<Dtmi, InterfaceModel> built = new HashMap<>();
  private final Map<Dtmi, Integer> depths = new HashMap<>();
  /** The Interfaces on the work list: a reference to one of them leads back to itself. */
  private final Set<Dtmi> inProgress = new LinkedHashSet<>();
  private final LimitProfile profile = new LimitProfile();
  /** The JSON each content was built from, for checks that need what the records do not keep (extension terms). */
  private final Map<Content, JsonNode> sources = new java.util.IdentityHashMap<>();

  /** A need answered at once ({@code assembly} null, {@code ready} the answer) or an Interface to build. */
  private record Opening(@Nullable InterfaceAssembly assembly, @Nullable InterfaceModel ready) {}

  private static final Opening NOTHING = new Opening(null, null);

  InterfaceBuilder(Batch batch) {
    this.batch = batch;
    this.elements = new ElementReader(batch);
    this.contents = new ContentBuilder(batch, elements, new SchemaBuilder(batch, elements, profile), profile);
  }

  /** The JSON a content of a built Interface was read from (a missing node when it was not built here). */
  JsonNode source(Content content) {
    JsonNode node = sources.get(content);
    return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
  }

  /** Builds an Interface given as JSON (top-level, resolved or inline); null when it cannot be built. */
  @Nullable InterfaceModel build(JsonNode node, String id, int version, String source, String limits) {
    Deque<InterfaceAssembly> underWay = new ArrayDeque<>();
    InterfaceNeed need = new InterfaceNeed.Inline(node, id, version, source, limits);
    InterfaceModel answer = null;
    while (true) {
      if (need != null) {
        Opening opening = open(need);
        need = null;
        answer = opening.ready();
        if (opening.assembly() != null) {
          underWay.push(opening.assembly());
        }
      }
      if (underWay.isEmpty()) {
        return answer;
      }
      InterfaceAssembly top = underWay.peek();
      need = top.advance(answer);
      if (need == null) {
        underWay.pop();
        answer = finish(top);
      }
    }
  }

  private Opening open(InterfaceNeed need) {
    return switch (need) {
      case InterfaceNeed.ById ref -> open(ref);
      case InterfaceNeed.Inline inline -> open(inline);
    };
  }

  /** The Interface with this id: built already, or to build; nothing when missing, not an Interface, or cyclic. */
  private Opening open(InterfaceNeed.ById ref) {
    Dtmi id = ref.id();
    InterfaceModel done = built.get(id);
    if (done != null) {
      return new Opening(null, done);
    }
    if (inProgress.contains(id)) {
      batch.problems().add("recursiveStructureNarrow", ref.owner(), ref.property(), id.value(),
          ref.owner() + " refers to " + id + " through '" + ref.property() + "', which leads back to itself.");
      return NOTHING;
    }
    Definition def = batch.definition(id);
    if (def == null) {
      batch.unresolved(id, ref.owner(), ref.property());
      return NOTHING;
    }
    if (!Texts.typeSet(def.node()).contains("Interface")) {
      batch.problems().add("incompatibleType", ref.owner(), ref.property(), id.value(),
          "'" + ref.property() + "' of " + ref.owner() + " refers to " + id + ", which is not an Interface.");
      return NOTHING;
    }
    return open(new InterfaceNeed.Inline(def.node(), id.value(), def.version(), def.source(), def.limits()));
  }

  private Opening open(InterfaceNeed.Inline inline) {
    Dtmi dtmi = Ids.dtmiOrNull(inline.id());
    if (dtmi == null) {
      return NOTHING;
    }
    InterfaceModel done = built.get(dtmi);
    if (done != null) {
      return new Opening(null, done);
    }
    inProgress.add(dtmi);
    String prior = profile.enter(inline.limits());
    return new Opening(new InterfaceAssembly(this, inline.node(), dtmi, inline.version(), inline.source(), prior),
        null);
  }

  private InterfaceModel finish(InterfaceAssembly assembly) {
    InterfaceModel model = assembly.model();
    built.put(assembly.id(), model);
    profile.leave(assembly.priorLimits());
    inProgress.remove(assembly.id());
    return model;
  }

  Batch batch() {
    return batch;
  }

  ElementReader elements() {
    return elements;
  }

  ContentBuilder contents() {
    return contents;
  }

  LimitProfile profile() {
    return profile;
  }

  Map<Dtmi, Integer> depths() {
    return depths;
  }

  Map<Content, JsonNode> sources() {
    return sources;
  }
}
