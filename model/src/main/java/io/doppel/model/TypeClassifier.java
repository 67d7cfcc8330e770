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
   */
  record Types(@Nullable String material, List<JsonNode> supplemental, boolean undefinedCotype, boolean failed) {}

  Types classify(JsonNode node, String id, Validator.Scope scope) {
    int version = scope.version();
    String material = null;
    List<JsonNode> supplemental = new ArrayList<>();
    boolean undefined = false;
    boolean failed = false;
    JsonNode raw = node.get("@type");
    if (raw != null && !(raw.isTextual() || raw.isArray())) {
      problems.add("typeNotString", id, "@type", null, id + " has @type that is not a string.");
      return new Types(null, supplemental, false, true);
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
    return new Types(material, supplemental, undefined, failed);
  }

  private boolean tolerated(int version, String rule) {
    String verdict = meta.apocrypha(version, rule);
    return verdict.equals("valid") || (verdict.equals("tenable") && explicitlyAllowed);
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

  /** Whether a supplemental type may be applied to this material class in this version. */
  static boolean appliesTo(JsonNode supp, @Nullable String material, int version) {
    boolean cotypeOk = false;
    for (JsonNode c : supp.path("cotypes")) {
      cotypeOk |= c.asText().equals(material);
    }
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
        if (t.material() != null && !cotypes.contains(t.material())) {
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

  /** Reports a property key the element's material class does not define (unless a supplemental type does). */
  void checkUndefinedProperty(String key, String id, Types t, Validator.Scope scope) {
    for (JsonNode supp : t.supplemental()) {
      if (!appliesTo(supp, t.material(), scope.version())) {
        // An adjunct type in the wrong place is reported once (invalidCotype), not again for each of its properties.
        if ("AdjunctType".equals(supp.path("extensionKind").asText()) && definesProperty(supp, key)
            && !cotypesInclude(supp, t.material())) {
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
        problems.add("noTypeThatAllows", id, key, null,
            id + " does not have a @type that allows property '" + key + "'.");
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
      problems.add("noTypeThatAllows", id, key, null,
          id + " does not have a @type that allows property '" + key + "'.");
      problems.add(code, id, key, null, id + " property '" + key + "' is not allowed here.");
    } else if (!tolerated(scope.version(), rule)) {
      problems.add(code, id, key, null, id + " property '" + key + "' is not allowed here.");
    }
  }
}
