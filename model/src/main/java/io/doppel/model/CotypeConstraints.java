package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The digest's constraints of supplemental types on the values of a property. A forward constraint says what
 * each value must be ("the schema of a Transparent payload is an Object", "every field of a Result is a
 * NormalResult, ErrorResult, ErrorCode or ErrorInfo"); an inverse one says what the element holding the typed
 * value must be, and which other co-types its siblings must or must not carry ("an ErrorMessage field belongs to
 * an Error object, which has only one"). Unique supplemental values among siblings are checked here too.
 */
final class CotypeConstraints {
  private final MetaModel meta = MetaModel.get();
  private final Problems problems;

  CotypeConstraints(Problems problems) {
    this.problems = problems;
  }

  /** Checks a forward constraint of one of {@code node}'s own supplemental types. */
  void forward(JsonNode node, String id, JsonNode constraint, Validator.Scope scope) {
    String property = constraint.path("property").asText();
    JsonNode value = node.get(property);
    if (value == null || constraint.path("inverse").asBoolean(false)) {
      return;
    }
    Set<String> requiredValues = new HashSet<>();
    constraint.path("requiredValueNames").forEach(n -> requiredValues.add(n.asText()));
    constraint.path("requiredValues").forEach(n -> requiredValues.add(n.asText()));
    for (JsonNode v : Texts.items(value)) {
      if (!requiredValues.isEmpty()) {
        if (v.isTextual() && !requiredValues.contains(v.asText())) {
          problems.add("notRequiredValue", id, property, v.asText(),
              id + " property '" + property + "' must have one of the values " + requiredValues + ".");
        }
        continue;
      }
      String cls = classOf(v, scope);
      List<String> supplemental = supplementalIds(v, scope);
      // A reference the constraint cannot classify here (e.g. a schema DTMI) is left alone; an inline element
      // without the required type (even one whose class is only inferred) is not.
      if ((cls == null && !v.isObject()) || !constraint.has("requiredTypes")) {
        continue;
      }
      if (!satisfies(cls, supplemental, constraint, scope)) {
        problems.add("notRequiredType", id, property, null, id + " property '" + property
            + "' has a value that does not have @type " + constraint.path("requiredTypesString").asText() + ".");
      }
    }
  }

  /** Checks the inverse constraints that the elements in {@code node}'s properties place on it and each other. */
  void inverse(JsonNode node, String id, TypeClassifier.Types t, Validator.Scope scope) {
    List<String> own = supplementalIds(node, scope);
    node.properties().forEach(e -> {
      String property = e.getKey();
      List<JsonNode> children = Texts.items(e.getValue()).stream().filter(JsonNode::isObject).toList();
      uniqueValues(id, property, children, scope);
      for (int i = 0; i < children.size(); i++) {
        JsonNode child = children.get(i);
        for (String type : supplementalIds(child, scope)) {
          for (JsonNode constraint : meta.supplementalTypeById(type).path("constraints")) {
            if (constraint.path("inverse").asBoolean(false) && constraint.path("property").asText().equals(property)) {
              inverse(constraint, id, t.material(), own, property, children, i, scope);
            }
          }
        }
      }
    });
  }

  private void inverse(JsonNode constraint, String parentId, @Nullable String parentClass, List<String> parentTypes,
      String property, List<JsonNode> siblings, int index, Validator.Scope scope) {
    String childId = childId(siblings.get(index), parentId, property);
    if (!satisfies(parentClass, parentTypes, constraint, scope)) {
      problems.addWithSecondary("parentMissingCotype", childId, parentId, property, null, childId
          + " may only be in '" + property + "' of an element of type "
          + constraint.path("requiredTypesString").asText() + ".");
    }
    String none = constraint.path("noneOtherType").asText("");
    for (int j = 0; j < index && !none.isEmpty(); j++) {
      if (supplementalIds(siblings.get(j), scope).contains(none)) {
        problems.addWithSecondary("siblingDuplicatesCotype", childId, childId(siblings.get(j), parentId, property),
            property, null, childId + " repeats a co-type that only one element of '" + property + "' may have.");
        break;
      }
    }
    String some = constraint.path("someOtherType").asText("");
    boolean found = some.isEmpty();
    for (int j = 0; j < siblings.size() && !found; j++) {
      found = j != index && supplementalIds(siblings.get(j), scope).contains(some);
    }
    if (!found) {
      problems.add("siblingMissingCotype", childId, property, null,
          childId + " needs a sibling in '" + property + "' with co-type " + some + ".");
    }
  }

  /** Supplemental properties marked unique (mqtt's Indexed index) may not repeat among the elements of a property. */
  private void uniqueValues(String parentId, String property, List<JsonNode> children, Validator.Scope scope) {
    Set<String> seen = new HashSet<>();
    for (JsonNode child : children) {
      for (String type : supplementalIds(child, scope)) {
        meta.supplementalTypeById(type).path("properties").properties().forEach(p -> {
          JsonNode value = child.has(p.getKey()) ? child.get(p.getKey())
              : child.get(p.getValue().path("propertyName").asText());
          if (p.getValue().path("uniqueValue").asBoolean(false) && value != null && value.isValueNode()
              && !seen.add(p.getKey() + "\u0000" + value)) {
            problems.add("nonUniquePropertyValue", parentId, property, value,
                parentId + " property '" + property + "' has more than one element with "
                    + p.getValue().path("propertyName").asText() + " " + value + ".");
          }
        });
      }
    }
  }

  private boolean satisfies(@Nullable String cls, List<String> supplemental, JsonNode constraint,
      Validator.Scope scope) {
    for (JsonNode required : constraint.path("requiredTypes")) {
      if (supplemental.contains(required.asText())) {
        return true;
      }
    }
    for (JsonNode required : constraint.path("requiredTypeNames")) {
      String name = required.asText();
      if (cls != null && (name.equals(cls) || meta.concreteSubclasses(name, scope.version()).contains(cls))) {
        return true;
      }
    }
    return false;
  }

  private static String childId(JsonNode child, String parentId, String property) {
    String own = child.path("@id").asText("");
    return own.isEmpty() ? Ids.child(parentId, property, child.path("name").asText(null), -1) : own;
  }

  /** The DTMIs of the supplemental types an element value carries. */
  private List<String> supplementalIds(JsonNode v, Validator.Scope scope) {
    List<String> out = new ArrayList<>();
    if (v.isObject()) {
      for (String type : Texts.types(v)) {
        String dtmi = type.startsWith("dtmi:") ? type : meta.expand(type, scope.contexts());
        if (dtmi != null && meta.supplementalType(dtmi, scope.contexts()) != null) {
          out.add(dtmi);
        }
      }
    }
    return out;
  }

  /** The material class of a schema-like value: an inline element's @type or a predefined instance's class. */
  private @Nullable String classOf(JsonNode v, Validator.Scope scope) {
    if (v.isObject()) {
      for (JsonNode type : Texts.items(v.get("@type"))) {
        String cls = meta.materialClass(type.asText(), scope.version(), scope.contexts());
        if (cls != null) {
          return cls;
        }
      }
      return null;
    }
    return v.isTextual() ? meta.classOfInstance(v.asText(), scope.version()) : null;
  }
}
