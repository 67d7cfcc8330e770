package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Diagnoses a local term definition (a JSON object inside {@code @context}). DTDL refuses these outright
 * ({@code disallowedLocalContext}); like DTDLParser we also say what is wrong with the definition itself.
 */
final class LocalTermChecks {
  private LocalTermChecks() {}

  static void check(JsonNode definition, boolean last, Problems problems) {
    problems.add("disallowedLocalContext", null, "@context", null,
        "@context holds a local definition (an object), which DTDL does not allow.");
    if (!last) {
      problems.add("localContextNotLast", null, "@context", null,
          "A local definition must be the last entry of @context.");
    }
    definition.properties().forEach(e -> {
      String term = e.getKey();
      JsonNode value = e.getValue();
      if (term.isEmpty()) {
        problems.add("localTermEmpty", null, term, null, "A local term is empty.");
        return;
      }
      if (term.equals("dtmi") || term.equals("http") || term.equals("https")
          || term.startsWith("dtmi:") || term.startsWith("http:") || term.startsWith("https:")) {
        problems.add("localTermSchemePrefix", null, term, null, "Local term '" + term + "' starts with a scheme.");
        return;
      }
      if (term.contains(":") || term.startsWith("@")) {
        problems.add("localTermInvalid", null, term, null, "Local term '" + term + "' is not a valid term.");
        return;
      }
      if (MetaModel.get().isDtdlTerm(term)) {
        problems.add("localTermReserved", null, term, null, "Local term '" + term + "' is a term of DTDL or one of its extensions.");
        return;
      }
      JsonNode target = value;
      if (value.isObject()) {
        target = value.get("@id");
        if (target == null) {
          problems.add("termDefinitionMissingIdProperty", null, term, null,
              "Local definition of '" + term + "' has no '@id'.");
          return;
        }
        if (!target.isTextual()) {
          problems.add("termDefinitionIdPropertyNotString", null, term, null,
              "Local definition of '" + term + "' has an '@id' that is not a string.");
          return;
        }
      } else if (!value.isTextual()) {
        problems.add("termDefinitionNotStringOrObject", null, term, null,
            "Local definition of '" + term + "' is neither a string nor an object.");
        return;
      }
      String iri = target.asText();
      if (iri.startsWith("dtmi:")) {
        if (!Dtmi.isValid(iri) && !iri.matches("^dtmi:[A-Za-z][A-Za-z0-9_:]*$")) {
          problems.add("localTermDefinitionInvalidDtmi", null, term, iri,
              "Local definition of '" + term + "' is an invalid DTMI.");
        }
      } else if (!iri.matches("^[A-Za-z][A-Za-z0-9+.-]*:\\S+$")
          || (iri.matches("^(?i)https?:.*") && !iri.matches("^(?i)https?://\\S+$"))) {
        problems.add("localTermDefinitionInvalidUri", null, term, iri,
            "Local definition of '" + term + "' is not a valid IRI.");
      }
    });
  }
}
