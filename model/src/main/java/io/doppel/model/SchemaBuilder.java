package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds {@link Schema} values from JSON: primitive terms, DTMI references to reusable schemas, inline shapes. */
final class SchemaBuilder {
  private static final Set<String> V2_PRIMITIVES = Set.of("boolean", "date", "dateTime", "double", "duration",
      "float", "integer", "long", "string", "time", "point", "multiPoint", "lineString", "multiLineString",
      "polygon", "multiPolygon");
  private static final Set<String> COMPLEX = Set.of("Array", "Enum", "Map", "Object");

  private final Batch batch;
  private final ElementReader elements;
  private final LimitProfile profile;
  /** Reusable schemas being built, to refuse recursion instead of overflowing the stack. */
  private final Set<Dtmi> inProgress = new HashSet<>();

  SchemaBuilder(Batch batch, ElementReader elements, LimitProfile profile) {
    this.batch = batch;
    this.elements = elements;
    this.profile = profile;
  }

  static boolean isPrimitive(String term, int version) {
    if (version >= 3) {
      return PrimitiveType.ofTerm(term).isPresent();
    }
    return V2_PRIMITIVES.contains(term);
  }

  /** The schema of {@code value} found at {@code owner}'s {@code property}; never null (errors are recorded). */
  Schema build(@Nullable JsonNode value, String owner, String property, int version, int depth) {
    Schema fallback = new Schema.Primitive(PrimitiveType.STRING);
    if (value == null) {
      batch.problems().add("missingObjectProperty", owner, property, null,
          owner + " has no '" + property + "'; add one.");
      return fallback;
    }
    if (value.isArray()) {
      if (value.size() == 1) {
        return build(value.get(0), owner, property, version, depth);
      }
      batch.problems().add("objectMultipleValues", owner, property, null,
          "'" + property + "' of " + owner + " must have exactly one value.");
      return fallback;
    }
    if (value.isTextual()) {
      return reference(value.asText(), owner, property, version, depth);
    }
    if (!value.isObject()) {
      batch.problems().add("refNotStringOrObject", owner, property, value,
          "'" + property + "' of " + owner + " is neither a schema term, a DTMI nor a schema object.");
      return fallback;
    }
    String id = elements.idOf(value, owner, property, -1);
    return inline(value, id, version, depth);
  }

  private Schema reference(String text, String owner, String property, int version, int depth) {
    Schema fallback = new Schema.Primitive(PrimitiveType.STRING);
    if (isPrimitive(text, version)) {
      return new Schema.Primitive(PrimitiveType.ofTerm(text).orElseThrow());
    }
    String instance = text.startsWith("dtmi:") ? MetaModel.get().instanceNameOfId(text) : null;
    if (instance != null && PrimitiveType.ofTerm(instance).isPresent()) {
      return new Schema.Primitive(PrimitiveType.ofTerm(instance).orElseThrow());
    }
    if (!Dtmi.isValid(text)) {
      batch.problems().add("idRefBadDtmiOrTerm", owner, property, text,
          "'" + property + "' of " + owner + " has value '" + text
              + "' that is neither a valid DTMI reference nor a DTDL v" + version + " term.");
      return fallback;
    }
    Dtmi ref = new Dtmi(text);
    Definition def = batch.definition(ref);
    if (def == null) {
      batch.unresolved(ref, owner, property);
      return fallback;
    }
    Set<String> types = Texts.typeSet(def.node());
    if (types.stream().noneMatch(COMPLEX::contains)) {
      batch.problems().add("incompatibleType", owner, property, text,
          "'" + property + "' of " + owner + " refers to " + text + ", which is not a schema.");
      return fallback;
    }
    if (!inProgress.add(ref)) {
      batch.problems().add("recursiveStructureWide", owner, property, text,
          "Schema " + text + " contains itself; schemas may not be recursive.");
      return fallback;
    }
    try {
      return inline(def.node(), text, def.version(), depth);
    } finally {
      inProgress.remove(ref);
    }
  }

  private Schema inline(JsonNode node, String id, int version, int depth) {
    Schema fallback = new Schema.Primitive(PrimitiveType.STRING);
    int maxDepth = MetaModel.get().maxDepth("ComplexSchema", "elementSchema", version, profile.spec(), 5);
    if (depth >= maxDepth) {
      batch.problems().add("excessiveDepthWide", id, "schema", null,
          "Complex schemas may be nested at most " + maxDepth + " levels deep in DTDL v" + version + ".");
      return fallback;
    }
    List<String> types = Texts.types(node);
    String kind = types.stream().filter(COMPLEX::contains).findFirst().orElse(null);
    if (kind == null) {
      batch.problems().add("missingTypeInfo", id, "@type", types.isEmpty() ? null : types.get(0),
          id + " needs @type Array, Enum, Map or Object.");
      return fallback;
    }
    elements.checkCommon(node, id, kind, version);
    return switch (kind) {
      case "Array" -> new Schema.ArraySchema(build(node.get("elementSchema"), id, "elementSchema", version, depth + 1));
      case "Map" -> map(node, id, version, depth);
      case "Enum" -> enumeration(node, id, version);
      default -> object(node, id, version, depth);
    };
  }

  private Schema map(JsonNode node, String id, int version, int depth) {
    String keyName = "key";
    String valueName = "value";
    JsonNode key = node.get("mapKey");
    if (key == null || !key.isObject()) {
      batch.problems().add("missingObjectProperty", id, "mapKey", null, id + " needs a mapKey object.");
    } else {
      String keyId = elements.idOf(key, id, "mapKey", -1);
      keyName = elements.name(key, keyId, version);
      elements.checkCommon(key, keyId, "MapKey", version);
      JsonNode keySchema = key.get("schema");
      if (keySchema == null || !keySchema.isTextual() || !keySchema.asText().equals("string")) {
        batch.problems().add("incorrectPropertyValue", keyId, "schema", keySchema,
            "The schema of a mapKey must be 'string'.");
      }
    }
    JsonNode value = node.get("mapValue");
    Schema valueSchema = new Schema.Primitive(PrimitiveType.STRING);
    if (value == null || !value.isObject()) {
      batch.problems().add("missingObjectProperty", id, "mapValue", null, id + " needs a mapValue object.");
    } else {
      String valueId = elements.idOf(value, id, "mapValue", -1);
      valueName = elements.name(value, valueId, version);
      elements.checkCommon(value, valueId, "MapValue", version);
      valueSchema = build(value.get("schema"), valueId, "schema", version, depth + 1);
    }
    return new Schema.MapSchema(keyName, valueName, valueSchema);
  }

  private Schema enumeration(JsonNode node, String id, int version) {
    String valueSchemaText = Texts.text(node, "valueSchema");
    PrimitiveType valueSchema = PrimitiveType.STRING;
    boolean knownValueSchema = "integer".equals(valueSchemaText) || "string".equals(valueSchemaText);
    if ("integer".equals(valueSchemaText)) {
      valueSchema = PrimitiveType.INTEGER;
    } else if (!"string".equals(valueSchemaText)) {
      batch.problems().add(valueSchemaText == null ? "missingObjectProperty" : "incorrectPropertyValue", id,
          "valueSchema", valueSchemaText, "The valueSchema of Enum " + id + " must be 'integer' or 'string'.");
    }
    List<Schema.EnumValue> values = new ArrayList<>();
    List<JsonNode> items = Texts.items(node.get("enumValues"));
    if (node.get("enumValues") == null) {
      batch.problems().add("missingObjectProperty", id, "enumValues", null, "Enum " + id + " needs enumValues.");
    }
    Map<String, String> seenNames = new java.util.HashMap<>();
    Map<String, String> seenValues = new java.util.HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        batch.problems().add("propertyElementNotObject", id, "enumValues", item, "enumValues must be objects.");
        continue;
      }
      String itemId = elements.idOf(item, id, "enumValues", i);
      String name = elements.name(item, itemId, version);
      elements.checkCommon(item, itemId, "EnumValue", version);
      JsonNode v = item.get("enumValue");
      Object value = name;
      if (v == null) {
        batch.problems().add("missingLiteralProperty", itemId, "enumValue", null, itemId + " needs an enumValue.");
      } else if (knownValueSchema && valueSchema == PrimitiveType.INTEGER && !(v.isInt())) {
        batch.problems().addWithSecondary("nonConformantDatatype", itemId, id, "enumValue", v,
            "enumValue " + v + " does not conform to the Enum's valueSchema 'integer'.");
      } else if (knownValueSchema && valueSchema == PrimitiveType.STRING && !v.isTextual()) {
        batch.problems().addWithSecondary("nonConformantDatatype", itemId, id, "enumValue", v,
            "enumValue " + v + " does not conform to the Enum's valueSchema 'string'.");
      } else {
        value = v.isInt() ? (Object) v.asInt() : v.asText();
        String prior = seenValues.putIfAbsent(v.toString(), itemId);
        if (prior != null) {
          batch.problems().addWithSecondary("nonUniquePropertyValue", id, itemId, "enumValue", v.asText(),
              "Two enumValues of " + id + " have the value " + v + ".");
        }
      }
      String priorName = seenNames.putIfAbsent(name, itemId);
      if (priorName != null) {
        batch.problems().addWithSecondary("nonUniquePropertyValue", id, itemId, "name", name,
            "Two enumValues of " + id + " are named '" + name + "'.");
      }
      values.add(new Schema.EnumValue(name, value, elements.element(item, itemId)));
    }
    return new Schema.EnumSchema(valueSchema, values);
  }

  private Schema object(JsonNode node, String id, int version, int depth) {
    List<Schema.Field> fields = new ArrayList<>();
    JsonNode raw = node.get("fields");
    if (raw == null && version < 3) {
      batch.problems().add("missingObjectProperty", id, "fields", null, "Object " + id + " needs fields.");
    }
    Map<String, String> seen = new java.util.HashMap<>();
    List<JsonNode> items = Texts.items(raw);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        batch.problems().add("propertyElementNotObject", id, "fields", item, "fields must be objects.");
        continue;
      }
      String fieldId = elements.idOf(item, id, "fields", i);
      String name = elements.name(item, fieldId, version);
      elements.checkCommon(item, fieldId, "Field", version);
      Schema schema = build(item.get("schema"), fieldId, "schema", version, depth + 1);
      if (seen.putIfAbsent(name, fieldId) != null) {
        batch.problems().addWithSecondary("nonUniquePropertyValue", id, fieldId, "name", name,
            "Two fields of " + id + " are named '" + name + "'.");
      }
      fields.add(new Schema.Field(name, schema, elements.element(item, fieldId)));
    }
    return new Schema.ObjectSchema(fields);
  }
}
