package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks an element's own {@code @id}: a string, a DTMI valid for the version, not in a reserved namespace. */
final class ElementIds {

  private ElementIds() {}

  /** Interfaces have a shorter id limit (128 characters) than other elements. */
  static void checkInterfaceLength(JsonNode node, String id, Problems problems) {
    JsonNode own = node.get("@id");
    if (own != null && own.isTextual() && own.asText().length() > 128) {
      problems.add("idTooLongForType", id, "@id", own.asText(),
          "Identifier of Interface " + id + " is longer than 128 characters.");
    }
  }

  /** Reports what is wrong with the element's @id; true when it has a usable one. */
  static boolean check(JsonNode node, String generatedId, int version, Problems problems) {
    return check(node, generatedId, version, problems, false, java.util.List.of(MetaModel.dtdlContext(version)));
  }

  static boolean check(JsonNode node, String generatedId, int version, Problems problems, boolean tolerateReserved,
      java.util.List<String> contexts) {
    JsonNode id = node.get("@id");
    if (id == null) {
      return false;
    }
    if (!id.isTextual()) {
      problems.add("idNotString", generatedId, "@id", null, "@id of " + generatedId + " is not a string.");
      return false;
    }
    String text = id.asText();
    if (text.isEmpty()) {
      problems.add("idNotString", null, "@id", null, "@id of " + generatedId + " is an empty string.");
      return false;
    }
    if (text.length() > 2048) {
      problems.add("idTooLong", null, "@id", text, "Identifier is longer than 2048 characters.");
      return false;
    }
    if (!DtmiSyntax.isIdentifier(text, version)) {
      problems.add("invalidId", generatedId, "@id", text,
          "Identifier '" + text + "' is invalid for DTDL version " + version + ".");
      return false;
    }
    if (!tolerateReserved && MetaModel.get().isReserved(text, contexts)) {
      problems.add("reservedId", text, "@id", text, "Identifier '" + text + "' begins with a reserved prefix.");
      return false;
    }
    return true;
  }
}
