package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sorts an element's {@code @type} values into its material class, supplemental types and undefined extension
 * types, applying the digest's rules for odd values (undefined terms, non-DTMI IRIs, invalid DTMIs).
 */
final class TypeClassifier {
  private final MetaModel meta = MetaModel.get();
  private final Problems problems;
  private final boolean allowUndefined;

  /** Only an explicit AllowUndefinedExtensions makes the digest's "tenable" oddities acceptable. */
  private final boolean explicitlyAllowed;

  TypeClassifier(Problems problems, boolean allowUndefined, boolean explicitlyAllowed) {
    this.problems = problems;
    this.allowUndefined = allowUndefined;
    this.explicitlyAllowed = explicitlyAllowed;
  }

  /**
   * The classification of one element's types.
   *
   * @param material its material class, or null
   * @param supplemental the supplemental type definitions (from the digest)
   * @param undefinedCotype true when it carries an undefined (but tolerated) extension type
   * @param failed true when an error was already reported for its @type
   * @param toleratedTerms undefined terms among its co-types that were let pass only "tenably" (see
   *     {@link #checkUndefinedProperty})
   */
  record Types(@Nullable String material, List<JsonNode> supplemental, boolean undefinedCotype, boolean failed,
      List<String> toleratedTerms) {}

  Types classify(JsonNode node, String id, Validator.Scope scope) {
    int version = scope.version();
    String material = null;
    List<JsonNode> supplemental = new ArrayList<>();
    List<String> tenable = new ArrayList<>();
    boolean undefined = false;
    boolean failed = false;
    JsonNode raw = node.get("@type");
    if (raw != null && !(raw.isTextual() || raw.isArray())) {
      problems.add("typeNotString", id, "@type", null, id + " has @type that is not a string.");
      return new Types(null, supplemental, false, true, List.of());
    }
    for (JsonNode t : Texts.items(raw)) {
      if (!t.isTextual()) {
        problems.add("typeNotString", id, "@type", null, id + " has @type value that is not a string.");
        failed = true;
        continue;
      }
      String type = t.asText();
      String cls = meta.materialClass(type, version, scope.contexts());
      if (cls != null) {
        if (material != null && !material.equals(cls)) {
          problems.add("multipleMaterialTypes", id, "@type", material + ", " + cls,
              id + " has @type that specifies multiple material types: " + material + ", " + cls + ".");
          failed = true;
        }
        material = cls;
        continue;
      }
      JsonNode supp = meta.supplementalType(type, scope.contexts());
      if (supp != null) {
        supplemental.add(supp);
        continue;
      }
      String rule;
      String code;
      if (type.startsWith("dtmi:")) {
        if (Dtmi.isValid(type)) {
          undefined = true;
          if (allowUndefined && !meta.isReserved(type)) {
            continue;
          }
          rule = "irrelevantDtmiOrTermAsCotype";
          code = "typeIrrelevantDtmiOrTerm";
        } else {
          rule = "invalidDtmiAsCotype";
          code = "typeInvalidDtmi";
        }
      } else if (type.contains(":")) {
        rule = "notDtmiNorTermAsCotype";
        code = "typeNotDtmiNorTerm";
      } else if (meta.expand(type, scope.contexts()) != null) {
        rule = "irrelevantDtmiOrTermAsCotype";
        code = "typeIrrelevantDtmiOrTerm";
      } else {
        rule = "undefinedTermAsCotype";
        code = "typeUndefinedTerm";
      }
      if (!tolerated(version, rule)) {
        problems.add(code, id, null, type, id + " has @type that specifies type " + type + ", which is not allowed.");
        failed = true;
      } else if (code.equals("typeUndefinedTerm") && meta.apocrypha(version, rule).equals("tenable")) {
        tenable.add(type);
      }
      undefined = true;
    }
    if (material == null) {
      // Undefined terms are tolerated only as co-types beside a material type; alone they are errors.
      for (JsonNode t : Texts.items(raw)) {
        String type = t.isTextual() ? t.asText() : "";
        if (!type.isEmpty() && !type.contains(":") && meta.expand(type, scope.contexts()) == null
            && tolerated(version, "undefinedTermAsCotype")) {
          problems.add("typeUndefinedTerm", id, null, type, id + " has @type " + type + ", an undefined term.");
          failed = true;
        }
      }
    }
    return new Types(material, supplemental, undefined, failed, tenable);
  }

  private boolean tolerated(int version, String rule) {
    String verdict = meta.apocrypha(version, rule);
    return verdict.equals("valid") || (verdict.equals("tenable") && explicitlyAllowed);
  }

  /**
   * A supplemental property (e.g. {@code annotates}) on an element without the type that defines it. DTDLParser
   * says "no type allows it" unless the defining type itself depends on a co-co-type (mqtt's {@code ttl} of
   * Cacheable), and calls the property irrelevant when the element has other extension types it is judged by
   * (an Override without its ValueAnnotation). Both are observed from the conformance suite.
   */
  private void supplementalWithoutType(String key, String expanded, String id, Types t) {
    if (!meta.definingTypesRequireCocotypes(expanded)) {
      problems.add("noTypeThatAllows", id, key, null, id + " does not have a @type that allows property '" + key + "'.");
    }
    if (t.supplemental().stream().anyMatch(s -> !definesProperty(s, key))) {
      problems.add("propertyIrrelevantDtmiOrTerm", id, key, null,
          id + " property '" + key + "' belongs to none of its types.");
    }
  }

  private static boolean hasAltCotype(JsonNode supp, List<JsonNode> others) {
    for (JsonNode alt : supp.path("altcotypes")) {
      JsonNode type = MetaModel.get().supplementalTypeById(alt.asText());
      if (others.stream().anyMatch(o -> o == type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean cotypesInclude(JsonNode supp, @Nullable String material) {
    for (JsonNode c : supp.path("cotypes")) {
      if (c.asText().equals(material)) {
        return true;
      }
    }
    return false;
  }

  private static boolean definesProperty(JsonNode supp, String key) {
    for (var e : supp.path("properties").properties()) {
      if (e.getKey().equals(key) || e.getValue().path("propertyName").asText().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a supplemental type may be applied to this material class in this version. Some types may stand
   * beside another co-type instead of their material classes (their "altcotypes", e.g. mqtt's Fragmented beside
   * PropertyValue on a Field).
   */
  static boolean appliesTo(JsonNode supp, @Nullable String material, List<JsonNode> others, int version) {
    boolean cotypeOk = cotypesInclude(supp, material) || hasAltCotype(supp, others);
    boolean versionOk = false;
    for (JsonNode v : supp.path("cotypeVersions")) {
      versionOk |= v.asInt() == version;
    }
    return cotypeOk && versionOk && !supp.path("abstract").asBoolean(false);
  }

  void checkCotypes(Types t, String id, Validator.Scope scope) {
    for (JsonNode supp : t.supplemental()) {
      for (JsonNode co : supp.path("cocotypes")) {
        if (t.supplemental().stream().noneMatch(o -> o == meta.supplementalTypeById(co.asText()))) {
          problems.add("missingCocotype", id, "@type", null,
              id + " has a supplemental @type that requires co-type " + co.asText() + ".");
        }
      }
      List<String> cotypes = new ArrayList<>();
      supp.path("cotypes").forEach(c -> cotypes.add(c.asText()));
      if (supp.path("abstract").asBoolean(false)) {
        problems.add("abstractSupplementalType", id, "@type", null, id + " has an abstract supplemental type.");
      } else {
        for (JsonNode dis : supp.path("discotypes")) {
          if (t.supplemental().stream().anyMatch(o -> o == meta.supplementalTypeById(dis.asText()))) {
            problems.add("disallowedCocotype", id, "@type", null,
                id + " has a supplemental @type that may not be combined with co-type " + dis.asText() + ".");
          }
        }
        if (t.material() != null && !cotypes.contains(t.material()) && !hasAltCotype(supp, t.supplemental())) {
          problems.add("invalidCotype", id, "@type", null,
              id + " has a supplemental @type that can only be applied to " + cotypes + ".");
        }
        boolean versionOk = false;
        for (JsonNode v : supp.path("cotypeVersions")) {
          versionOk |= v.asInt() == scope.version();
        }
        if (!versionOk) {
          problems.add("invalidCotypeVersion", id, "@type", null,
              id + " has a supplemental @type not allowed in DTDL v" + scope.version() + ".");
        }
      }
    }
  }

  /**
   * Reports a property key the element's material class does not define (unless a supplemental type does).
   *
   * @param fromLayer only a layer supplied the property (see {@link LayerOrigins})
   * @param inferred the element has no @type: its class was inferred from where it stands
   */
  void checkUndefinedProperty(String key, String id, Types t, Validator.Scope scope, boolean fromLayer,
      boolean inferred) {
    for (JsonNode supp : t.supplemental()) {
      if (!appliesTo(supp, t.material(), t.supplemental(), scope.version())) {
        // An adjunct type in the wrong place is reported once (invalidCotype), not again for each of its properties
        // -- as DTDLParser does for adjunct types bound to a single class (Override, GroupMember, Composite). For
        // those allowed on several classes (ValueAnnotation, Qualified, Congruence) it also reports the property.
        // This is an observed rule (from the conformance suite), not one the digest states.
        if ("AdjunctType".equals(supp.path("extensionKind").asText()) && definesProperty(supp, key)
            && !cotypesInclude(supp, t.material()) && supp.path("cotypes").size() == 1) {
          return;
        }
        continue;
      }
      for (var e : supp.path("properties").properties()) {
        if (e.getKey().equals(key) || e.getValue().path("propertyName").asText().equals(key)) {
          return;
        }
      }
    }
    String rule;
    String code;
    if (key.startsWith("dtmi:")) {
      if (!Dtmi.isValid(key)) {
        rule = "invalidDtmiAsProperty";
        code = "propertyInvalidDtmi";
      } else {
        rule = "irrelevantDtmiOrTermAsProperty";
        code = "propertyIrrelevantDtmiOrTerm";
      }
    } else if (key.contains(":")) {
      rule = "notDtmiNorTermAsProperty";
      code = "propertyNotDtmiNorTerm";
    } else if (meta.expand(key, scope.contexts()) != null) {
      String expanded = meta.expand(key, scope.contexts());
      if (expanded != null && meta.isSupplementalProperty(expanded) && !t.undefinedCotype()) {
        supplementalWithoutType(key, expanded, id, t);
        return;
      }
      rule = "irrelevantDtmiOrTermAsProperty";
      code = "propertyIrrelevantDtmiOrTerm";
    } else {
      rule = "undefinedTermAsProperty";
      code = "propertyUndefinedTerm";
    }
    // Only an element carrying an undefined extension type may have properties the metamodel does not define;
    // without one, any such property is an error ("formally" undefined or irrelevant).
    if (!t.undefinedCotype()) {
      problems.add(inferred ? "inferredTypeDoesNotAllow" : "noTypeThatAllows", id, key, null,
          id + " does not have a @type that allows property '" + key + "'.");
      if (!fromLayer) {
        problems.add(code, id, key, null, id + " property '" + key + "' is not allowed here.");
      }
    } else if (!tolerated(scope.version(), rule)) {
      problems.add(code, id, key, null, id + " property '" + key + "' is not allowed here.");
      // An undefined co-type is only tenable while the properties it excuses are well-formed terms or DTMIs;
      // beside a malformed one DTDLParser reports the co-type too.
      for (String term : t.toleratedTerms()) {
        problems.add("typeUndefinedTerm", id, null, term, id + " has @type " + term + ", an undefined term.");
      }
    }
  }
}
