package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what supplemental types (semantic types, extension co-types) demand of their element: their own
 * required properties (e.g. {@code unit}), unit values from the right family, and constraints such as "the schema
 * must be numeric", inherited along the supplemental type's parents.
 */
final class SupplementalChecker {
  private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile(
      "^P(?!$)(\\d+(?:\\.\\d+)?Y)?(\\d+(?:\\.\\d+)?M)?(\\d+(?:\\.\\d+)?W)?(\\d+(?:\\.\\d+)?D)?"
          + "(T(?=\\d)(\\d+(?:\\.\\d+)?H)?(\\d+(?:\\.\\d+)?M)?(\\d+(?:\\.\\d+)?S)?)?$");

  private final MetaModel meta = MetaModel.get();
  private final Problems problems;
  private final CotypeConstraints constraints;
  /** A layered element's required object properties are checked layer by layer instead ({@link LayerChecks}). */
  private final boolean layered;

  SupplementalChecker(Problems problems, boolean layered) {
    this.problems = problems;
    this.layered = layered;
    this.constraints = new CotypeConstraints(problems);
  }

  void check(JsonNode node, String id, TypeClassifier.Types t, Validator.Scope scope) {
    long semantic = t.supplemental().stream()
        .filter(s -> "SemanticType".equals(s.path("extensionKind").asText()) && !s.path("mergeable").asBoolean(false))
        .map(System::identityHashCode).distinct().count();
    if (semantic > 1) {
      problems.add("conflictingSupplementalTypes", id, "@type", null,
          id + " has more than one semantic type; at most one may apply.");
      return;
    }
    constraints.inverse(node, id, t, scope);
    for (JsonNode supp : t.supplemental()) {
      if (!TypeClassifier.appliesTo(supp, t.material(), t.supplemental(), scope.version())) {
        continue;
      }
      for (JsonNode type : lineage(supp)) {
        properties(node, id, type, scope);
        for (JsonNode constraint : type.path("constraints")) {
          constraints.forward(node, id, constraint, scope);
        }
      }
    }
  }

  private List<JsonNode> lineage(JsonNode supp) {
    List<JsonNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode current = supp;
    while (current != null && !current.isMissingNode() && out.size() < 20) {
      out.add(current);
      String parent = current.path("parent").asText("");
      if (parent.isEmpty() || !seen.add(parent)) {
        break;
      }
      current = meta.supplementalTypeById(parent);
    }
    return out;
  }

  private void properties(JsonNode node, String id, JsonNode type, Validator.Scope scope) {
    type.path("properties").properties().forEach(e -> {
      JsonNode def = e.getValue();
      String name = def.path("propertyName").asText();
      JsonNode value = node.has(name) ? node.get(name) : node.get(e.getKey());
      if (node.has(name) && node.has(e.getKey()) && !name.equals(e.getKey())) {
        problems.add("duplicatePropertyName", id, name, null,
            id + " property '" + name + "' has multiple definitions (as a term and as a DTMI).");
        return;
      }
      if (value == null) {
        boolean literal = def.path("type").asText("").startsWith("http://www.w3.org/2001/XMLSchema#");
        if (def.path("minCount").asInt(0) > 0 && (literal || !layered)) {
          problems.add(literal ? "missingSupplementalLiteralProperty" : "missingSupplementalObjectProperty", id, name,
              null,
              id + " requires property '" + name + "' because of its @type; it is not present.");
        }
        return;
      }
      if (value.isNull()) {
        problems.add("propertyValueNull", id, name, null, id + " property '" + name + "' is null.");
        return;
      }
      List<JsonNode> values = LiteralChecker.values(value);
      if (values.size() < def.path("minCount").asInt(0)) {
        problems.add("objectCountBelowMin", id, name, null, id + " property '" + name + "' has no value.");
        return;
      }
      if (values.size() > def.path("maxCount").asInt(Integer.MAX_VALUE)) {
        problems.add("objectMultipleValues", id, name, null, id + " property '" + name + "' has multiple values.");
        return;
      }
      Set<String> family = family(def, scope);
      String pattern = def.path("pattern").asText("");
      int maxLength = def.path("maxLength").asInt(Integer.MAX_VALUE);
      String xsd = def.path("type").asText("");
      for (JsonNode v : values) {
        if (xsd.endsWith("#integer") && !v.isIntegralNumber()) {
          problems.add("integerNotInteger", id, e.getKey(), null, id + " property '" + name + "' is not an integer.");
        } else if ((xsd.endsWith("#string") || xsd.endsWith("#duration")) && !v.isTextual()) {
          problems.add("stringNotString", id, e.getKey(), null, id + " property '" + name + "' is not a string.");
        } else if (xsd.endsWith("#duration") && !DURATION.matcher(v.asText()).matches()) {
          problems.add("durationInvalid", id, e.getKey(), v.asText(),
              id + " property '" + name + "' is not an ISO 8601 duration.");
        } else if (xsd.endsWith("#decimal") && !v.isNumber()) {
          problems.add("numericNotNumeric", id, e.getKey(), null, id + " property '" + name + "' is not a number.");
        } else if (v.isNumber() && !conformsToInstanceSchema(node, def.path("instanceProperty").asText(""), v)) {
          problems.add("nonConformantPropertyValue", id, name, v.asText(), id + " property '" + name
              + "' has value " + v.asText() + ", which its element's schema cannot hold.");
        }
        if (v.isTextual() && !pattern.isEmpty() && !Patterns.matches(pattern, v.asText())) {
          problems.add("stringInvalid", id, e.getKey(), v.asText(),
              id + " property '" + name + "' has value '" + v.asText() + "', which is invalid.");
        } else if (v.isTextual() && v.asText().length() > maxLength) {
          problems.add("stringTooLong", id, e.getKey(), v.asText(),
              id + " property '" + name + "' is longer than " + maxLength + " characters.");
        }
        if (!family.isEmpty() && v.isObject()) {
          problems.add("refObjectNotAllowed", id, name, null,
              id + " property '" + name + "' must name a unit; an inline object is not allowed.");
          problems.add("objectCountBelowMin", id, name, null, id + " property '" + name + "' has no valid value.");
        } else if (!family.isEmpty() && (!v.isTextual() || !inFamily(v.asText(), family, scope))) {
          problems.add(scope.version() == 2 ? "notRequiredType" : "badType", id, name, v.asText(),
              id + " property '" + name + "' has value '" + v.asText() + "', which is not one of " + family + ".");
          problems.add("wrongParent", id, name, v.asText(),
              id + " property '" + name + "' has a value from the wrong unit family.");
        }
      }
    });
  }

  /**
   * Whether a number fits the primitive schema named by the element's {@code instanceProperty} (e.g. a Limited
   * telemetry's maximum must be an integer when the telemetry's schema is). Schemas given otherwise pass.
   */
  private static boolean conformsToInstanceSchema(JsonNode node, String instanceProperty, JsonNode number) {
    JsonNode schema = instanceProperty.isEmpty() ? null : node.get(instanceProperty);
    if (schema == null || !schema.isTextual()) {
      return true;
    }
    return switch (schema.asText()) {
      case "byte", "short", "integer", "long", "unsignedByte", "unsignedShort", "unsignedInteger", "unsignedLong" ->
          number.isIntegralNumber();
      case "float", "double", "decimal" -> true;
      default -> PrimitiveType.ofTerm(schema.asText()).isEmpty();
    };
  }

  private boolean inFamily(String value, Set<String> family, Validator.Scope scope) {
    if (family.contains(value)) {
      return true;
    }
    for (String term : family) {
      if (value.equals(meta.expand(term, scope.contexts()))) {
        return true;
      }
    }
    return false;
  }

  /** The terms allowed for a unit-like supplemental property: the members of its enumeration family. */
  private Set<String> family(JsonNode def, Validator.Scope scope) {
    Set<String> out = new HashSet<>();
    String typeName = def.path("typeName").asText("");
    for (String context : scope.contexts()) {
      meta.units(context, typeName).forEach(out::add);
    }
    String childOf = def.path("childOf").asText("");
    if (!childOf.isEmpty()) {
      meta.family(childOf).forEach(out::add);
    }
    return out;
  }
}
