package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The sibling rules of the v3 annotation and overriding extensions, checked on resolved Interfaces (inherited
 * contents included): a ValueAnnotation must annotate a Property or Telemetry that is not itself an annotation; an
 * Override must override a supplemental property the annotated content has, at most once.
 */
final class SiblingChecker {
  private static final Set<String> CORE = Set.of("name", "schema", "writable", "comment", "description",
      "displayName", "@id", "@type");

  private final Problems problems;
  private final Function<Content, JsonNode> sources;

  SiblingChecker(Problems problems, Function<Content, JsonNode> sources) {
    this.problems = problems;
    this.sources = sources;
  }

  void check(InterfaceModel model) {
    Map<String, String> overrides = new HashMap<>();
    for (Content content : model.contents().values()) {
      if (!has(content, "ValueAnnotation")
          || !(content instanceof Content.Property || content instanceof Content.Telemetry)) {
        continue;
      }
      Object annotates = content.element().supplementalProperties().get("annotates");
      Content target = annotates == null ? null : model.contents().get(annotates.toString());
      String id = idOf(content);
      if (target == null) {
        continue;
      }
      if (!(target instanceof Content.Property || target instanceof Content.Telemetry)) {
        problems.addWithSecondary("notSiblingRequiredType", id, idOf(target), "annotates", annotates,
            content.name() + " annotates " + target.name() + ", which is neither a Property nor a Telemetry.");
        continue;
      }
      if (has(target, "ValueAnnotation")) {
        problems.addWithSecondary("disallowedType", id, idOf(target), "annotates", annotates,
            content.name() + " annotates " + target.name() + ", which is itself a ValueAnnotation.");
        continue;
      }
      if (has(content, "Override")) {
        Object overridden = content.element().supplementalProperties().get("overrides");
        if (overridden == null) {
          continue;
        }
        String term = overridden.toString();
        if (CORE.contains(term)) {
          problems.addWithSecondary("matchingPropertyNotSupplemental", id, idOf(target), "overrides", term,
              content.name() + " overrides '" + term + "', which is not a supplemental property.");
        } else if (!target.element().supplementalProperties().containsKey(term)) {
          problems.addWithSecondary("noMatchingSupplementalProperty", id, idOf(target), "annotates", annotates,
              target.name() + " has no supplemental property '" + term + "' for " + content.name() + " to override.");
        } else {
          checkOverrideSchema(content, id, target.element().supplementalProperties().get(term));
        }
        String key = target.name() + "\u0000" + term;
        if (overrides.putIfAbsent(key, id) != null) {
          problems.addWithSecondary("multipleReference", id, idOf(target), "overrides", term,
              "More than one Override of '" + term + "' annotates " + target.name() + ".");
        }
      }
    }
  }

  /**
   * An Override's schema must be the enumeration the overridden value comes from: overriding a Temperature's unit
   * (degreeFahrenheit) needs schema TemperatureUnit, not VelocityUnit.
   */
  private void checkOverrideSchema(Content content, @Nullable String id, Object overriddenValue) {
    JsonNode schema = sources.apply(content).get("schema");
    if (schema == null || !schema.isTextual()) {
      return;
    }
    List<List<String>> families = MetaModel.get().familiesNamed(schema.asText());
    if (!families.isEmpty() && families.stream().noneMatch(f -> f.contains(overriddenValue.toString()))) {
      problems.add("siblingPropertyMismatch", id, "schema", schema.asText(), content.name() + " has schema "
          + schema.asText() + ", which does not hold the value '" + overriddenValue + "' it overrides.");
    }
  }

  private static boolean has(Content content, String typeName) {
    for (String type : content.element().supplementalTypes()) {
      if (type.equals(typeName) || type.endsWith(":" + typeName)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String idOf(Content content) {
    return content.element().id() == null ? null : content.element().id().value();
  }
}
