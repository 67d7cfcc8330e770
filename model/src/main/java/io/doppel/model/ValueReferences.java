package io.doppel.model;

import java.util.List;
import java.util.Set;

/**
 * Judges a string value of an object property: a predefined term (e.g. {@code double}), a DTMI reference
 * (recorded for resolution), an extension term, or an error saying why not.
 */
final class ValueReferences {
  private final MetaModel meta = MetaModel.get();
  private final Problems problems;
  private final List<Reference> references;

  ValueReferences(Problems problems, List<Reference> references) {
    this.problems = problems;
    this.references = references;
  }

  /** How a string value of an object property turned out; INVALID_COUNTED when its error already covers counts. */
  enum Ref { VALID, INVALID, INVALID_COUNTED }

  Ref check(String text, PropertyDef def, String id, Validator.Scope scope) {
    String cls = def.valueClass();
    Set<String> allowedValues = def.values();
    String expanded = text.startsWith("dtmi:") ? null : meta.expand(text, scope.contexts());
    if (!allowedValues.isEmpty()) {
      if (allowedValues.contains(text) || def.valueUris().contains(text)) {
        return Ref.VALID;
      }
      if (expanded != null && expanded.startsWith("dtmi:dtdl:instance:") && cls != null
          && meta.instanceNames(cls, scope.version()).contains(text)) {
        problems.add("incorrectPropertyValue", id, def.name(), text,
            id + " property '" + def.name() + "' has value '" + text + "', which is not one of " + allowedValues + ".");
        return Ref.INVALID_COUNTED;
      }
      if (expanded != null && expanded.startsWith("dtmi:dtdl:instance:")) {
        // A predefined instance of another class (e.g. integer where a map key must be a string).
        String other = meta.classOfInstance(text, scope.version());
        problems.add("badType", id, def.name(), other == null ? text : other,
            id + " property '" + def.name() + "' has value '" + text + "', which is not one of " + allowedValues + ".");
        problems.add("propertyCountBelowMin", id, def.name(), null,
            id + " property '" + def.name() + "' has no valid value.");
        return Ref.INVALID_COUNTED;
      }
    } else if (cls != null && (meta.instanceNames(cls, scope.version()).contains(text)
        || meta.isInstanceId(cls, scope.version(), text))) {
      return Ref.VALID;
    } else if (Dtmi.isValid(text) && (scope.version() >= 3 || text.contains(";"))) {
      references.add(new Reference(new Dtmi(text), id, def.name(), scope.partition(), scope.version(),
          cls == null ? Set.of() : meta.concreteSubclasses(cls, scope.version()), def.versions()));
      return Ref.VALID;
    } else if (expanded != null && !expanded.startsWith("dtmi:dtdl:class:")
        && !expanded.startsWith("dtmi:dtdl:property:") && !expanded.startsWith("dtmi:dtdl:instance:")) {
      return Ref.VALID;
    } else if (expanded != null && expanded.startsWith("dtmi:dtdl:class:")) {
      problems.add("badType", id, def.name(), text,
          id + " property '" + def.name() + "' has value '" + text + "', a class rather than a " + cls + ".");
      return Ref.INVALID_COUNTED;
    } else if (expanded != null && expanded.startsWith("dtmi:dtdl:instance:")) {
      problems.add("badType", id, def.name(), text,
          id + " property '" + def.name() + "' has value '" + text + "', which is not a " + cls + ".");
      problems.add("propertyCountBelowMin", id, def.name(), null,
          id + " property '" + def.name() + "' has no valid value.");
      return Ref.INVALID_COUNTED;
    }
    problems.add("badDtmiOrTerm", id, def.name(), text,
        id + " property '" + def.name() + "' has value '" + text
            + "' that is neither a valid DTMI reference nor a DTDL v" + scope.version() + " term.");
    return Ref.INVALID;
  }
}
