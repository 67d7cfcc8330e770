package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds one content of an Interface (Property, Telemetry, Command, Relationship, Component). */
final class ContentBuilder {
  private static final Set<String> KINDS = Set.of("Property", "Telemetry", "Command", "Relationship", "Component");

  private final Batch batch;
  private final ElementReader elements;
  private final SchemaBuilder schemas;
  private final LimitProfile profile;

  ContentBuilder(Batch batch, ElementReader elements, SchemaBuilder schemas, LimitProfile profile) {
    this.batch = batch;
    this.elements = elements;
    this.schemas = schemas;
    this.profile = profile;
  }

  void checkReusableSchema(JsonNode schema, String owner, int version) {
    if (!schema.isObject()) {
      batch.problems().add("propertyElementNotObject", owner, "schemas", schema, "schemas must hold objects.");
      return;
    }
    if (!schema.has("@id")) {
      batch.problems().add("missingRequiredId", owner, "schemas", null, "Every element of schemas needs an @id.");
    }
    schemas.build(schema, owner, "schemas", version, 0);
  }

  /** The content, or a Component waiting for its schema's Interface (see {@link ContentStep}). */
  ContentStep build(JsonNode node, String owner, Dtmi ownerId, int version, int index) {
    if (!node.isObject()) {
      batch.problems().add("propertyElementNotObject", owner, "contents", node, "contents must hold objects.");
      return ContentStep.REFUSED;
    }
    String id = elements.idOf(node, owner, "contents", index);
    List<String> types = Texts.types(node);
    List<String> kinds = types.stream().filter(KINDS::contains).toList();
    if (kinds.size() != 1) {
      batch.problems().add(kinds.isEmpty() ? "missingTypeInfo" : "multipleMaterialTypes", id, "@type",
          types.isEmpty() ? null : String.join(",", types),
          id + " needs exactly one @type of Property, Telemetry, Command, Relationship or Component.");
      return ContentStep.REFUSED;
    }
    String kind = kinds.get(0);
    String name = elements.name(node, id, version);
    elements.checkCommon(node, id, kind, version);
    Element element = elements.element(node, id);
    return switch (kind) {
      case "Property" -> new ContentStep.Ready(property(node, id, name, element, ownerId, version));
      case "Telemetry" -> new ContentStep.Ready(new Content.Telemetry(name,
          schemas.build(node.get("schema"), id, "schema", version, 0), element, ownerId));
      case "Command" -> new ContentStep.Ready(command(node, id, name, element, ownerId, version));
      case "Relationship" -> new ContentStep.Ready(relationship(node, id, name, element, ownerId, version));
      default -> component(node, id, name, element, ownerId, version);
    };
  }

  private Content.Property property(JsonNode node, String id, String name, Element element, Dtmi ownerId,
      int version) {
    Schema schema = schemas.build(node.get("schema"), id, "schema", version, 0);
    // DTDL v2 forbids Arrays (and the geospatial schemas, which are arrays underneath) as a Property's schema.
    if (version == 2 && containsArray(schema)) {
      batch.problems().add("excludedType", id, "schema", null,
          "Property " + name + " has an Array schema, which DTDL v2 does not allow for Properties.");
    }
    return new Content.Property(name, schema, bool(node, id, "writable"), element, ownerId);
  }

  private static boolean containsArray(Schema schema) {
    return switch (schema) {
      case Schema.ArraySchema a -> true;
      case Schema.Primitive p -> p.type().isGeospatial();
      case Schema.MapSchema m -> containsArray(m.valueSchema());
      case Schema.ObjectSchema o -> o.fields().stream().anyMatch(f -> containsArray(f.schema()));
      case Schema.EnumSchema e -> false;
    };
  }

  private boolean bool(JsonNode node, String id, String property) {
    JsonNode v = node.get(property);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      batch.problems().add("booleanNotBoolean", id, property, v, "'" + property + "' must be true or false.");
      return false;
    }
    return v.asBoolean();
  }

  private Content.Command command(JsonNode node, String id, String name, Element element, Dtmi ownerId,
      int version) {
    return new Content.Command(name, payload(node, id, "request", version), payload(node, id, "response", version),
        element, ownerId);
  }

  private Content.@Nullable CommandPayload payload(JsonNode node, String id, String property, int version) {
    JsonNode value = node.get(property);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      batch.problems().add("propertyElementNotObject", id, property, value, "'" + property + "' must be an object.");
      return null;
    }
    String payloadId = elements.idOf(value, id, property, -1);
    String payloadName = elements.name(value, payloadId, version);
    elements.checkCommon(value, payloadId, property, version);
    Schema schema = schemas.build(value.get("schema"), payloadId, "schema", version, 0);
    boolean nullable = version >= 3 && bool(value, payloadId, "nullable");
    return new Content.CommandPayload(payloadName, schema, nullable, elements.element(value, payloadId));
  }

  private Content.Relationship relationship(JsonNode node, String id, String name, Element element, Dtmi ownerId,
      int version) {
    Dtmi target = null;
    JsonNode targetNode = node.get("target");
    if (targetNode != null) {
      if (targetNode.isTextual() && Dtmi.isValid(targetNode.asText())) {
        target = new Dtmi(targetNode.asText());
      } else {
        batch.problems().add("identifierNotDtmi", id, "target", targetNode, "target must be the DTMI of an Interface.");
      }
    }
    Integer min = multiplicity(node, id, "minMultiplicity");
    Integer max = multiplicity(node, id, "maxMultiplicity");
    if (version < 3 && min != null && min != 0) {
      batch.problems().add("valueNotExact", id, "minMultiplicity", min, "minMultiplicity must be 0 in DTDL v2.");
    }
    if (max != null && max < 1) {
      batch.problems().add("valueBelowMin", id, "maxMultiplicity", max, "maxMultiplicity must be at least 1.");
    }
    if (min != null && max != null && min > max) {
      batch.problems().add("valueAboveMax", id, "minMultiplicity", min,
          "minMultiplicity must not exceed maxMultiplicity.");
    }
    Map<String, Content.Property> properties = new HashMap<>();
    List<JsonNode> items = Texts.items(node.get("properties"));
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        batch.problems().add("propertyElementNotObject", id, "properties", item, "properties must hold objects.");
        continue;
      }
      String propId = elements.idOf(item, id, "properties", i);
      if (!Texts.typeSet(item).contains("Property")) {
        batch.problems().add("missingTypeInfo", propId, "@type", null, "Relationship properties must be Properties.");
        continue;
      }
      String propName = elements.name(item, propId, version);
      elements.checkCommon(item, propId, "Property", version);
      Content.Property p = property(item, propId, propName, elements.element(item, propId), ownerId, version);
      if (properties.putIfAbsent(propName, p) != null) {
        batch.problems().addWithSecondary("nonUniquePropertyValue", id, propId, "name", propName,
            "Two properties of " + id + " are named '" + propName + "'.");
      }
    }
    return new Content.Relationship(name, target, min, max, bool(node, id, "writable"), properties, element, ownerId);
  }

  private @Nullable Integer multiplicity(JsonNode node, String id, String property) {
    JsonNode v = node.get(property);
    if (v == null) {
      return null;
    }
    if (!v.isInt()) {
      batch.problems().add("integerNotInteger", id, property, v, "'" + property + "' must be an integer.");
      return null;
    }
    if (v.asInt() < 0) {
      batch.problems().add("valueBelowMin", id, property, v, "'" + property + "' must not be negative.");
    }
    return v.asInt();
  }

  /** A Component waits for the Interface its schema names; the Interface is built by the caller, not here. */
  private ContentStep component(JsonNode node, String id, String name, Element element, Dtmi ownerId, int version) {
    JsonNode schema = node.get("schema");
    InterfaceNeed need;
    if (schema == null) {
      batch.problems().add("missingObjectProperty", id, "schema", null, "A Component needs a schema (an Interface).");
      return ContentStep.REFUSED;
    } else if (schema.isTextual() && Dtmi.isValid(schema.asText())) {
      if (schema.asText().equals(ownerId.value())) {
        batch.problems().add("excludedType", id, "schema", schema.asText(),
            "Component " + name + " has its own Interface as schema.");
      }
      need = new InterfaceNeed.ById(new Dtmi(schema.asText()), id, "schema");
    } else if (schema.isObject() && Texts.typeSet(schema).contains("Interface")) {
      need = new InterfaceNeed.Inline(schema, elements.idOf(schema, id, "schema", -1), version, "", profile.spec());
    } else {
      batch.problems().add("idRefBadDtmiOrTerm", id, "schema", schema,
          "The schema of a Component must be an Interface.");
      return ContentStep.REFUSED;
    }
    return new ContentStep.Waiting(need, target -> component(target, id, name, element, ownerId));
  }

  private Content.@Nullable Component component(@Nullable InterfaceModel target, String id, String name,
      Element element, Dtmi ownerId) {
    if (target == null) {
      return null;
    }
    if (target.contents().values().stream().anyMatch(Content.Component.class::isInstance)) {
      batch.problems().add("excludedType", id, "schema", target.id().value(),
          "The schema of Component " + name + " is " + target.id() + ", which itself has Components.");
    }
    return new Content.Component(name, target.id(), element, ownerId);
  }
}
