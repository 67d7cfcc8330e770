package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shared state of parsing one batch: every definition by id, the problems found, and on-demand resolution of
 * ids the batch does not define (asked of the {@link ModelResolver} once each).
 */
final class Batch {
  /** Problems found by the builders; only the cross-element kinds are reported (see {@link #errors()}). */
  private final Problems problems = new Problems();
  /** Problems found by the generic validator. */
  private final Problems validation = new Problems();
  private final Map<Dtmi, Definition> definitions = new LinkedHashMap<>();
  private final Set<Dtmi> asked = new HashSet<>();
  private final ModelResolver resolver;
  private final DocumentReader reader;

  Batch(ModelResolver resolver, ParseOptions options) {
    this.resolver = resolver;
    this.reader = new DocumentReader(this, options);
  }

  Problems problems() {
    return problems;
  }

  private final java.util.List<Reference> references = new java.util.ArrayList<>();

  java.util.List<Reference> references() {
    return references;
  }

  /** Resolves every DTMI the batch refers to, reporting each that neither the batch nor the resolver defines. */
  void resolveReferences() {
    for (int round = 0; round < 100; round++) {
      java.util.List<Reference> pending = new java.util.ArrayList<>(references.subList(checked, references.size()));
      checked = references.size();
      int before = references.size();
      for (Reference ref : pending) {
        Dtmi target = ref.target();
        Definition def = definition(target);
        if (def == null) {
          if (reported.add(target)) {
            boolean reserved = MetaModel.get().isReserved(target.value());
            validation.add(reserved ? "undefinedReservedId" : "unresolvableReference", ref.from(), ref.property(),
                target.value(), ref.from() + " property '" + ref.property() + "' refers to " + target
                    + ", which is neither in the batch nor resolvable.");
          }
        } else if (!ref.versions().isEmpty() && !ref.versions().contains(def.version())) {
          validation.addWithSecondary("disallowedVersionReference", ref.from(), target.value(), ref.property(), null,
              ref.from() + " property '" + ref.property() + "' refers to " + target + ", an element of DTDL v"
                  + def.version() + ", which it may not.");
          if (def.version() > ref.version()) {
            validation.add("unrecognizedContextVersion", null, null, MetaModel.dtdlContext(def.version()),
                "DTDL v" + ref.version() + " does not know the context of " + target + ".");
          }
        } else if (!ref.classes().isEmpty() && materialOf(def) != null && !ref.classes().contains(materialOf(def))) {
          validation.addWithSecondary("badType", ref.from(), target.value(), ref.property(), materialOf(def),
              ref.from() + " property '" + ref.property() + "' refers to " + target + ", which is a "
                  + materialOf(def) + ".");
          validation.add("propertyCountBelowMin", ref.from(), ref.property(), null,
              ref.from() + " property '" + ref.property() + "' has no valid value.");
        } else if (!def.partition().equals(def.id().value()) && !def.partition().equals(ref.partition())) {
          validation.addWithSecondary("crossPartitionReference", ref.from(), target.value(), ref.property(),
              def.partition(), ref.from() + " refers to " + target + ", which is defined inside another Interface ("
                  + def.partition() + ").");
        }
      }
      if (references.size() == before) {
        return;
      }
    }
  }

  private final Set<Dtmi> reported = new HashSet<>();

  private static @Nullable String materialOf(Definition def) {
    for (String type : Texts.types(def.node())) {
      String cls = MetaModel.get().materialClass(type, def.version(), java.util.List.of(MetaModel.dtdlContext(def.version())));
      if (cls != null) {
        return cls;
      }
    }
    return null;
  }
  private int checked;

  Problems validation() {
    return validation;
  }

  /** Every error to report: the validator's, plus the builders' cross-element ones. */
  java.util.List<ParsingError> errors() {
    // A set, not a list search: a long extends chain reports one depth error per Interface.
    Set<ParsingError> all = new java.util.LinkedHashSet<>(validation.list());
    for (ParsingError e : problems.list()) {
      if (CROSS_ELEMENT.contains(e.code())) {
        all.add(e);
      }
    }
    return new java.util.ArrayList<>(all);
  }

  private static final Set<String> CROSS_ELEMENT = Set.of("recursiveStructureNarrow",
      "recursiveStructureWide", "excessiveDepthNarrow", "excessiveDepthWide", "duplicateDefinition",
      "nonUniqueImportedPropertyValue", "nonConformantDatatype", "excludedType", "excessiveCount");

  DocumentReader reader() {
    return reader;
  }

  Map<Dtmi, Definition> definitions() {
    return definitions;
  }

  /** Registers a definition; a second definition of the same id is an error. */
  void define(Definition definition) {
    Definition prior = definitions.putIfAbsent(definition.id(), definition);
    if (prior != null && prior.node() != definition.node()) {
      problems.add("duplicateDefinition", definition.id().value(), "@id", definition.id().value(),
          "The id " + definition.id() + " is defined more than once.");
    }
  }

  /** The definition of {@code id}, asking the resolver when the batch lacks it; null when nowhere to be found. */
  @Nullable Definition definition(Dtmi id) {
    Definition known = definitions.get(id);
    if (known != null || !asked.add(id)) {
      return known;
    }
    Optional<String> text;
    try {
      text = resolver.resolve(id);
    } catch (RuntimeException e) {
      problems.add("unresolvableReference", id.value(), null, id.value(),
          "The resolver failed for " + id + ": " + e.getMessage());
      return null;
    }
    text.ifPresent(t -> reader.read(t, false));
    if (text.isPresent() && !definitions.containsKey(id)) {
      validation.add("unresolvableReference", id.value(), null, id.value(),
          "The resolver's answer for " + id + " does not define it.");
    }
    return definitions.get(id);
  }

  /** Records a reference to an id that neither the batch nor the resolver defines. */
  void unresolved(Dtmi ref, String owner, String property) {
    problems.add("unresolvableReference", owner, property, ref.value(),
        owner + " refers to " + ref + " through '" + property + "', which is neither in the batch nor resolvable.");
  }

  static boolean isObject(@Nullable JsonNode node) {
    return node != null && node.isObject();
  }
}
