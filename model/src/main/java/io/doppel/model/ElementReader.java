package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads what every element has (id, name, display name, description, comment, co-types) and checks it. */
final class ElementReader {
  private static final Set<String> COMMON = Set.of("@id", "@type", "@context", "displayName", "description",
      "comment", "name");

  private final Batch batch;

  ElementReader(Batch batch) {
    this.batch = batch;
  }

  /** The element's own {@code @id}, or the generated one when it has none (or an invalid one, reported). */
  String idOf(JsonNode node, String parent, String property, int index) {
    JsonNode id = node.get("@id");
    JsonNode name = node.get("name");
    String generated = Ids.child(parent, property, name != null && name.isTextual() ? name.asText() : null, index);
    if (id == null) {
      return generated;
    }
    if (!id.isTextual()) {
      batch.problems().add("idNotString", generated, "@id", id, "@id must be a string.");
      return generated;
    }
    if (!Dtmi.isValid(id.asText())) {
      batch.problems().add("invalidId", generated, "@id", id.asText(), "@id '" + id.asText() + "' is not a valid DTMI.");
      return generated;
    }
    return id.asText();
  }

  /** The element's {@code name}, checked against DTDL's pattern and length; "" when missing (reported). */
  String name(JsonNode node, String id, int version) {
    JsonNode name = node.get("name");
    if (name == null) {
      batch.problems().add("missingLiteralProperty", id, "name", null, id + " needs a 'name'.");
      return "";
    }
    if (!name.isTextual()) {
      batch.problems().add("stringNotString", id, "name", name, "The name of " + id + " must be a string.");
      return "";
    }
    String text = name.asText();
    int max = version >= 3 ? 512 : 64;
    if (text.length() > max) {
      batch.problems().add("stringTooLong", id, "name", text, "name is longer than " + max + " characters.");
    } else if (!Ids.NAME.matcher(text).matches()) {
      batch.problems().add("stringInvalid", id, "name", text,
          "name '" + text + "' must start with a letter and contain only letters, digits and underscores.");
    }
    return text;
  }

  /** Checks display name, description and comment lengths shared by all element kinds. */
  void checkCommon(JsonNode node, String id, String kind, int version) {
    langString(node, id, "displayName", version >= 3 ? 512 : 64);
    langString(node, id, "description", version >= 3 ? 512 : 512);
    JsonNode comment = node.get("comment");
    if (comment != null) {
      if (!comment.isTextual()) {
        batch.problems().add("stringNotString", id, "comment", comment, "comment must be a string.");
      } else if (comment.asText().length() > 512) {
        batch.problems().add("stringTooLong", id, "comment", comment.asText(), "comment exceeds 512 characters.");
      }
    }
  }

  private void langString(JsonNode node, String id, String property, int max) {
    JsonNode value = node.get(property);
    if (value == null) {
      return;
    }
    if (value.isTextual()) {
      if (value.asText().length() > max) {
        batch.problems().add("langStringValueTooLong", id, property, value.asText(),
            property + " exceeds " + max + " characters.");
      }
    } else if (value.isObject()) {
      value.properties().forEach(e -> {
        if (!e.getValue().isTextual()) {
          batch.problems().add("langStringValueNotString", id, property, e.getValue(),
              property + " values must be strings.");
        } else if (e.getValue().asText().length() > max) {
          batch.problems().add("langStringValueTooLong", id, property, e.getValue().asText(),
              property + " exceeds " + max + " characters.");
        }
      });
    } else {
      batch.problems().add("langStringValueNotString", id, property, value,
          property + " must be a string or a map of language codes to strings.");
    }
  }

  /** The element metadata record; supplemental properties are the members not defined by DTDL itself. */
  Element element(JsonNode node, @Nullable String id) {
    Set<String> types = new LinkedHashSet<>(Texts.types(node));
    Map<String, Object> supplemental = new LinkedHashMap<>();
    node.properties().forEach(e -> {
      if (!COMMON.contains(e.getKey()) && !ContentKeys.isCore(e.getKey())) {
        JsonNode v = e.getValue();
        supplemental.put(e.getKey(), v.isTextual() ? v.asText() : v.isNumber() ? v.numberValue() : v.toString());
      }
    });
    return new Element(Ids.dtmiOrNull(id), types, Texts.langMap(node.get("displayName")),
        Texts.langMap(node.get("description")), Texts.text(node, "comment"), supplemental);
  }
}
