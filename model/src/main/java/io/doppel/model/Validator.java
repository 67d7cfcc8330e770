package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates one element tree generically against the metamodel: its {@code @type} (material and supplemental),
 * every property's presence, count and value, and recursively the elements its properties hold. Cross-element
 * rules (references, inheritance, cycles) are the builders' business.
 */
final class Validator {
  private final MetaModel meta = MetaModel.get();
  private final Problems problems;
  private final LiteralChecker literals;
  private final TypeClassifier types;
  private final SupplementalChecker supplementals;
  private final boolean allowUndefined;

  /** DTMIs referred to by object properties; each must be defined in the batch or by the resolver. */
  private final List<Reference> references;
  private final ValueReferences valueReferences;
  private final boolean tolerateIdReference;
  private final boolean tolerateReservedIds;
  private final LayerOrigins origins;

  Validator(Problems problems, ParseOptions options, DocumentContext context, List<Reference> references,
      boolean fromBatch, LayerOrigins origins, boolean layered) {
    int version = context.version();
    this.origins = origins;
    this.references = references;
    this.valueReferences = new ValueReferences(problems, references);
    // DTDLParser's quirks tolerate solecisms in the documents they name: those parsed, or those resolved.
    this.tolerateIdReference = version == 2 && options.has(fromBatch
        ? ParseOptions.Option.TolerateSolecismsInParse : ParseOptions.Option.TolerateSolecismsInResolve);
    this.tolerateReservedIds = options.has(ParseOptions.Option.TolerateSolecismsInParse) && version == 2;
    this.problems = problems;
    this.literals = new LiteralChecker(problems, version, context.limits());
    this.allowUndefined = options.has(ParseOptions.Option.AllowUndefinedExtensions)
        || (meta.allowsUndefinedExtensionsByDefault(version)
            && !options.has(ParseOptions.Option.DisallowUndefinedExtensions));
    this.types = new TypeClassifier(problems, allowUndefined,
        options.has(ParseOptions.Option.AllowUndefinedExtensions));
    this.supplementals = new SupplementalChecker(problems, layered);
  }

  /** Validates a top-level element. */
  void validateRoot(JsonNode node, String id, int version, List<String> contexts) {
    Scope scope = new Scope(version, contexts, id);
    TypeClassifier.Types t = types.classify(node, id, scope);
    if (t.material() == null) {
      problems.add("typeNotRootable", id, "@type", String.join(",", Texts.types(node)),
          "Top-level element " + id + " must have @type Interface.");
      problems.addWithSecondary("badType", null, id, null, null, "Top-level element " + id + " has no material @type.");
      return;
    }
    if (!meta.rootableClasses(version).contains(t.material())) {
      problems.add("typeNotRootable", id, "@type", t.material(),
          "Top-level element " + id + " has @type " + t.material() + ", which may not be at the top level.");
      return;
    }
    ElementIds.checkInterfaceLength(node, id, problems);
    types.checkCotypes(t, id, scope);
    validateProperties(node, id, t, scope, false);
    supplementals.check(node, id, t, scope);
  }

  /** The version and term contexts in force for an element. */
  record Scope(int version, List<String> contexts, String partition) {}

  /**
   * A property of an affiliate co-type used without its context (e.g. iotoperations' Precise with its
   * decimalPlaces) is not diagnosed again: the co-type itself is reported as an undefined term.
   */
  private boolean excusedByAffiliateType(JsonNode node, String key, Scope scope) {
    for (String type : Texts.types(node)) {
      if (!type.contains(":") && meta.expand(type, scope.contexts()) == null
          && meta.affiliateTypeDefines(type, key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks every property of an element. {@code keyless} marks an element without @id or name inside a property
   * keyed by name: DTDLParser reports that once, on the parent, instead of a missing name.
   */
  private void validateProperties(JsonNode node, String id, TypeClassifier.Types t, Scope scope, boolean keyless) {
    String material = t.material();
    Map<String, JsonNode> present = new HashMap<>();
    node.properties().forEach(e -> {
      String key = e.getKey();
      if (key.startsWith("@")) {
        if (!key.equals("@id") && !key.equals("@type") && !key.equals("@context")
            && (scope.version() >= 3 || key.equals("@graph"))) {
          boolean top = id.equals(scope.partition()) && node.has("@context");
          String code = key.equals("@graph") ? "graphDisallowed" : "keywordDisallowed";
          problems.add(top ? "topLevel" + Character.toUpperCase(code.charAt(0)) + code.substring(1) : code, id, key,
              null,
              id + " uses JSON-LD keyword " + key + ", which DTDL does not allow.");
        }
        return;
      }
      PropertyDef def = meta.property(material, scope.version(), key);
      if (def == null) {
        if (!excusedByAffiliateType(node, key, scope)) {
          types.checkUndefinedProperty(key, id, t, scope, origins.fromLayer(node, key), !node.has("@type"));
        }
        return;
      }
      if (present.put(def.name(), e.getValue()) != null) {
        problems.add("duplicatePropertyName", id, def.name(), null,
            id + " property '" + def.name() + "' has multiple definitions.");
        return;
      }
      if (e.getValue().isNull() && !def.literal()) {
        problems.add("propertyValueNull", id, def.name(), null, id + " property '" + def.name() + "' is null.");
        return;
      }
      if (def.literal() || def.valueClass() == null) {
        if (def.valueClass() == null && !def.literal()) {
          identifier(e.getValue(), def, id);
        } else {
          literals.check(e.getValue(), def, id);
        }
      } else {
        objects(e.getValue(), def, id, scope);
      }
    });
    for (PropertyDef def : meta.properties(material, scope.version())) {
      if (def.minCount() > 0 && !present.containsKey(def.name()) && !(keyless && def.name().equals("name"))) {
        problems.add(def.literal() ? "missingLiteralProperty" : "missingObjectProperty", id, def.name(), null,
            id + " requires property '" + def.name() + "'; however, this property is not present.");
      }
    }
  }

  private void identifier(JsonNode raw, PropertyDef def, String id) {
    List<JsonNode> values = Texts.items(raw);
    if (values.size() > def.maxCount()) {
      problems.add("identifierMultipleValues", id, def.name(), null,
          id + " property '" + def.name() + "' has multiple values but only one value is allowed.");
      return;
    }
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        problems.add("identifierNotString", id, def.name(), null,
            id + " property '" + def.name() + "' has value that is not a JSON string.");
      } else if (!v.asText().startsWith("dtmi:")) {
        problems.add("identifierNotDtmi", id, def.name(), v.asText(),
            id + " property '" + def.name() + "' has value '" + v.asText() + "', which is not a DTMI.");
      } else if (def.pattern() != null && !Patterns.matches(def.pattern(), v.asText())) {
        problems.add("identifierInvalid", id, def.name(), v.asText(),
            id + " property '" + def.name() + "' has value '" + v.asText() + "', which is not a valid DTMI.");
      }
    }
  }

  private void objects(JsonNode raw, PropertyDef def, String id, Scope scope) {
    List<JsonNode> items = Texts.items(raw);
    if (items.size() > 1 && def.maxCount() == 1) {
      problems.add("objectMultipleValues", id, def.name(), null,
          id + " property '" + def.name() + "' has multiple values but only one value is allowed.");
      return;
    }
    if (items.size() > def.maxCount()) {
      problems.add("objectCountAboveMax", id, def.name(), null,
          id + " property '" + def.name() + "' has more than " + def.maxCount() + " values.");
    }
    int valid = 0;
    boolean counted = false;
    Map<String, Map<String, Integer>> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isTextual()) {
        ValueReferences.Ref ref = valueReferences.check(item.asText(), def, id, scope);
        if (ref == ValueReferences.Ref.VALID) {
          valid++;
        } else if (ref == ValueReferences.Ref.INVALID_COUNTED) {
          counted = true;
        }
      } else if (item.isObject()) {
        String childId = childId(item, id, def, i);
        if (child(item, childId, def, id, scope)) {
          valid++;
        }
        unique(item, def, id, seen);
      } else {
        problems.add("refNotStringOrObject", id, def.name(), null,
            id + " property '" + def.name() + "' has value that is neither a JSON object nor a DTMI or term.");
      }
    }
    if (!counted && (valid < def.minCount() && !items.isEmpty() || (items.isEmpty() && def.minCount() > 0))) {
      problems.add("objectCountBelowMin", id, def.name(), null,
          id + " property '" + def.name() + "' has " + valid + " valid values but " + def.minCount() + " are required.");
    }
  }

  private void unique(JsonNode item, PropertyDef def, String id, Map<String, Map<String, Integer>> seen) {
    JsonNode ownId = item.get("@id");
    if (ownId != null && seen.computeIfAbsent("@id", k -> new HashMap<>()).merge(ownId.toString(), 1, Integer::sum) > 1) {
      return; // the same element twice: reported as a duplicate definition instead
    }
    if (tolerateIdReference && ownId == null && seen.containsKey("name") && item.has("name")
        && seen.get("name").containsKey(item.get("name").toString())) {
      return; // DTDLParser's solecism quirks merge id-less elements of the same name
    }
    for (String prop : def.uniqueProperties()) {
      JsonNode v = member(item, prop);
      if (v == null) {
        continue;
      }
      List<JsonNode> vs = LiteralChecker.values(v);
      if (vs.size() != 1) {
        continue;
      }
      String key = vs.get(0).toString();
      Map<String, Integer> byValue = seen.computeIfAbsent(prop, k -> new HashMap<>());
      if (byValue.merge(key, 1, Integer::sum) == 2) {
        problems.add("nonUniquePropertyValue", id, def.name(), vs.get(0).asText(),
            id + " property '" + def.name() + "' contains more than one element whose property '" + prop
                + "' has value '" + vs.get(0).asText() + "'.");
      }
    }
  }

  /** A member by term or by its property DTMI ({@code dtmi:dtdl:property:name;3}). */
  private static @Nullable JsonNode member(JsonNode item, String term) {
    JsonNode direct = item.get(term);
    if (direct != null) {
      return direct;
    }
    String prefix = "dtmi:dtdl:property:" + term + ";";
    for (var e : item.properties()) {
      if (e.getKey().startsWith(prefix)) {
        return e.getValue();
      }
    }
    return null;
  }

  private String childId(JsonNode item, String parent, PropertyDef def, int index) {
    JsonNode own = item.get("@id");
    if (own != null && own.isTextual() && Dtmi.isValid(own.asText())) {
      return own.asText();
    }
    if (def.plural()) {
      JsonNode name = member(item, "name");
      List<JsonNode> names = name == null ? List.of() : LiteralChecker.values(name);
      String n = names.size() == 1 && names.get(0).isTextual() ? names.get(0).asText() : null;
      return Ids.child(parent, def.name(), n, index);
    }
    return Ids.child(parent, def.name(), null, -1);
  }

  private boolean child(JsonNode item, String childId, PropertyDef def, String parentId, Scope parentScope) {
    Scope scope = LocalContexts.scopeOf(item, childId, parentScope, allowUndefined, problems);
    if (scope == null) {
      return false;
    }
    if (item.size() == 1 && item.has("@id")) {
      // DTDLParser's solecism quirks accept {"@id": ...} as a plain reference in DTDL v2.
      if (tolerateIdReference && scope.version() == 2 && item.get("@id").isTextual()) {
        String target = item.get("@id").asText();
        if (Dtmi.isValid(target)) {
          references.add(new Reference(new Dtmi(target), parentId, def.name(), scope.partition()));
          return true;
        }
        problems.add("idRefBadDtmiOrTerm", parentId, def.name(), target,
            parentId + " has '" + def.name() + "' value whose '@id' value '" + target + "' is not a valid DTMI.");
        return false;
      }
      problems.add("idReference", parentId, def.name(), childId,
          parentId + " property '" + def.name() + "' has an inline definition containing nothing but an '@id'.");
      return false;
    }
    if (!def.versions().isEmpty() && !def.versions().contains(scope.version())) {
      problems.addWithSecondary("disallowedVersionDefinition", parentId, childId, def.name(), null,
          parentId + " property '" + def.name() + "' holds an element of DTDL v" + scope.version()
              + ", which is not allowed there.");
      return false;
    }
    if (def.idRequired() && !item.has("@id")) {
      problems.addWithSecondary("missingRequiredId", parentId, childId, def.name(), null,
          "Elements of property '" + def.name() + "' of " + parentId + " need an @id.");
    }
    if (item.path("@id").asText("").indexOf('#') > 0) {
      // Layers have been merged by now, so a fragment id left inside an element belongs to no layer of it.
      problems.addWithSecondary("mismatchedLayers", parentId, item.path("@id").asText(), def.name(), null,
          item.path("@id").asText() + " is a layer nested under " + parentId + ", which is not in that layer.");
    }
    ElementIds.check(item, childId, scope.version(), problems, tolerateReservedIds, scope.contexts());
    TypeClassifier.Types t = types.classify(item, childId, scope);
    String cls = def.valueClass();
    Set<String> concrete = meta.concreteSubclasses(cls, scope.version());
    String material = t.material();
    if (material == null && !item.has("@type") && !def.typeRequired() && concrete.size() == 1) {
      material = concrete.iterator().next();
      t = new TypeClassifier.Types(material, t.supplemental(), t.undefinedCotype(), false,
          t.toleratedTerms());
    }
    if (material != null && meta.elementalSubclasses(cls, scope.version()).contains(material)) {
      material = null;
    }
    if (material == null || !concrete.contains(material)) {
      if (!t.failed() || material == null) {
        problems.addWithSecondary("badType", parentId, childId, def.name(), t.material(),
            parentId + " property '" + def.name() + "' has value " + childId + " that does not have @type of "
                + cls + ".");
      }
      return false;
    }
    if ("Interface".equals(material)) {
      scope = new Scope(scope.version(), scope.contexts(), childId);
      if (!item.has("@id")) {
        problems.addWithSecondary("missingRequiredId", parentId, childId, def.name(), null,
            "An Interface defined inside " + parentId + " needs an @id.");
      }
      ElementIds.checkInterfaceLength(item, childId, problems);
    }
    types.checkCotypes(t, childId, scope);
    boolean keyless = def.plural() && def.uniqueProperties().contains("name") && member(item, "name") == null
        && !item.has("@id");
    if (keyless) {
      problems.addWithSecondary("missingDtmiSegPropertyValue", parentId, childId, def.name(), "name",
          "An element of " + parentId + " property '" + def.name() + "' has neither @id nor name.");
    }
    validateProperties(item, childId, t, scope, keyless);
    supplementals.check(item, childId, t, scope);
    return true;
  }
}
