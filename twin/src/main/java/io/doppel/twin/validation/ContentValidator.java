package io.doppel.twin.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.patch.JsonPointer;
import java.util.List;
import java.util.Map;

/**
 * Checks the contents of a twin (its properties and components) or of a relationship (its properties) against the
 * model, as Azure Digital Twins does: only writable-or-not Properties may be set, Telemetry, Commands and
 * Relationships may not, every Component must be present as an object with {@code $metadata}, and each value must
 * conform to its schema. Inherited contents count.
 */
public final class ContentValidator {
  private ContentValidator() {}

  /**
   * Validates {@code content}: the twin's members other than {@code $dtId}, {@code $etag} and {@code $metadata}.
   * Paths in the details are JSON Pointers from the twin's root.
   */
  public static void validateTwin(ObjectNode content, InterfaceModel model, ModelCatalog catalog, List<Detail> problems) {
    validateMembers(content, model, catalog, "", true, problems);
    for (Content c : model.contents().values()) {
      if (c instanceof Content.Component component && !content.has(component.name())) {
        problems.add(new Detail("componentMissing", "/" + JsonPointer.escape(component.name()),
            "component '" + component.name() + "' must be present (at least as {\"$metadata\":{}})"));
      }
    }
  }

  /** Validates a relationship's own properties ({@code properties}: its members not starting with {@code $}). */
  public static void validateRelationship(
      ObjectNode properties, Content.Relationship relationship, List<Detail> problems) {
    for (Map.Entry<String, JsonNode> member : properties.properties()) {
      String path = "/" + JsonPointer.escape(member.getKey());
      Content.Property property = relationship.properties().get(member.getKey());
      if (property == null) {
        problems.add(new Detail("unknownProperty", path,
            "relationship '" + relationship.name() + "' has no property '" + member.getKey() + "'"));
      } else {
        SchemaValidator.validate(member.getValue(), property.schema(), path, problems);
      }
    }
  }

  private static void validateMembers(ObjectNode content, InterfaceModel model, ModelCatalog catalog, String base,
      boolean componentsAllowed, List<Detail> problems) {
    for (Map.Entry<String, JsonNode> member : content.properties()) {
      String name = member.getKey();
      String path = base + "/" + JsonPointer.escape(name);
      JsonNode value = member.getValue();
      Content declared = model.contents().get(name);
      switch (declared) {
        case null -> problems.add(new Detail("unknownProperty", path,
            "model " + model.id() + " has no property or component '" + name + "'"));
        case Content.Property p -> SchemaValidator.validate(value, p.schema(), path, problems);
        case Content.Component c when componentsAllowed -> validateComponent(value, c, catalog, path, problems);
        case Content.Component c -> problems.add(new Detail("nestedComponent", path,
            "components cannot be nested ('" + name + "')"));
        case Content.Telemetry t -> problems.add(new Detail("notAProperty", path,
            "'" + name + "' is a Telemetry of " + model.id() + ", not a Property: it cannot be set on the twin"));
        case Content.Command cmd -> problems.add(new Detail("notAProperty", path,
            "'" + name + "' is a Command of " + model.id() + ", not a Property"));
        case Content.Relationship r -> problems.add(new Detail("notAProperty", path,
            "'" + name + "' is a Relationship of " + model.id() + ": create it as a relationship, not a property"));
      }
    }
  }

  private static void validateComponent(
      JsonNode value, Content.Component component, ModelCatalog catalog, String path, List<Detail> problems) {
    if (!(value instanceof ObjectNode object)) {
      problems.add(new Detail("typeMismatch", path, "component '" + component.name() + "' must be an object"));
      return;
    }
    JsonNode metadata = object.get("$metadata");
    if (metadata == null || !metadata.isObject()) {
      problems.add(new Detail("componentMetadataMissing", path + "/$metadata",
          "component '" + component.name() + "' must carry a \"$metadata\" object"));
    }
    InterfaceModel schema = catalog.get(component.schema()).orElse(null);
    if (schema == null) {
      problems.add(new Detail("modelNotFound", path,
          "the Interface " + component.schema() + " of component '" + component.name() + "' is not loaded"));
      return;
    }
    ObjectNode members = object.deepCopy();
    members.remove("$metadata");
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (member.getKey().startsWith("$") && !member.getKey().equals("$metadata")) {
        problems.add(new Detail("unknownSystemProperty", path + "/" + JsonPointer.escape(member.getKey()),
            "'" + member.getKey() + "' is not allowed in a component"));
        members.remove(member.getKey());
      }
    }
    validateMembers(members, schema, catalog, path, false, problems);
  }
}
