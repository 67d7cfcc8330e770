package io.doppel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Content;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.model.Schema;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a twin graph in Azure Digital Twins' JSON shapes against a model catalog and lists every problem found,
 * each naming the twin or relationship and the offending field. Kept separate from the test so that the test can
 * also prove it rejects broken graphs.
 */
final class GraphChecker {
  private final ModelCatalog catalog;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, InterfaceModel> twinModels = new HashMap<>();

  private GraphChecker(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  static List<String> check(ModelCatalog catalog, JsonNode graph) {
    GraphChecker checker = new GraphChecker(catalog);
    checker.checkTwins(graph.path("twins"));
    checker.checkRelationships(graph.path("relationships"));
    return List.copyOf(checker.problems);
  }

  private void checkTwins(JsonNode twins) {
    if (!twins.isArray() || twins.isEmpty()) {
      problems.add("graph: 'twins' must be a non-empty array");
      return;
    }
    for (JsonNode twin : twins) {
      String id = twin.path("$dtId").asText("");
      if (id.isEmpty()) {
        problems.add("twin without $dtId: " + twin);
        continue;
      }
      String modelId = twin.path("$metadata").path("$model").asText("");
      if (!Dtmi.isValid(modelId)) {
        problems.add(id + ": $metadata.$model is not a DTMI: '" + modelId + "'");
        continue;
      }
      InterfaceModel model = catalog.get(new Dtmi(modelId)).orElse(null);
      if (model == null) {
        problems.add(id + ": model " + modelId + " is not in the pack");
        continue;
      }
      if (twinModels.put(id, model) != null) {
        problems.add(id + ": duplicate $dtId");
      }
      checkMembers(id, model, twin, true);
    }
  }

  /** Checks the properties (and, on a twin, the components) of a twin or component object. */
  private void checkMembers(String path, InterfaceModel model, JsonNode object, boolean componentsAllowed) {
    object.properties().forEach(entry -> {
      String name = entry.getKey();
      if (name.startsWith("$")) {
        return;
      }
      String at = path + "." + name;
      Content content = model.content(name).orElse(null);
      switch (content) {
        case null -> problems.add(at + ": no such content on " + model.id());
        case Content.Property p -> checkValue(at, p.schema(), entry.getValue());
        case Content.Component c when componentsAllowed -> checkComponent(at, c, entry.getValue());
        default -> problems.add(at + ": is a " + content.getClass().getSimpleName() + ", not a property");
      }
    });
  }

  private void checkComponent(String at, Content.Component component, JsonNode value) {
    if (!value.isObject() || !value.path("$metadata").isObject()) {
      problems.add(at + ": a component must be an object with a $metadata object");
      return;
    }
    catalog.get(component.schema()).ifPresentOrElse(
        schema -> checkMembers(at, schema, value, false),
        () -> problems.add(at + ": component schema " + component.schema() + " is not in the pack"));
  }

  private void checkRelationships(JsonNode relationships) {
    Set<String> ids = new HashSet<>();
    for (JsonNode rel : relationships) {
      String id = rel.path("$relationshipId").asText("");
      String at = "relationship " + id;
      if (id.isEmpty() || !ids.add(rel.path("$sourceId").asText() + "/" + id)) {
        problems.add(at + ": missing or duplicate $relationshipId");
      }
      InterfaceModel source = twinModels.get(rel.path("$sourceId").asText(""));
      InterfaceModel target = twinModels.get(rel.path("$targetId").asText(""));
      if (source == null || target == null) {
        problems.add(at + ": source '" + rel.path("$sourceId").asText() + "' or target '"
            + rel.path("$targetId").asText() + "' is not a twin of the graph");
        continue;
      }
      String name = rel.path("$relationshipName").asText("");
      if (!(source.content(name).orElse(null) instanceof Content.Relationship declared)) {
        problems.add(at + ": $relationshipName '" + name + "' is not a relationship of " + source.id());
        continue;
      }
      if (declared.target() != null && !target.isA(declared.target())) {
        problems.add(at + ": target is a " + target.id() + " but '" + name + "' targets " + declared.target());
      }
      rel.properties().forEach(entry -> {
        if (entry.getKey().startsWith("$")) {
          return;
        }
        Content.Property property = declared.properties().get(entry.getKey());
        if (property == null) {
          problems.add(at + "." + entry.getKey() + ": not a property of relationship '" + name + "'");
        } else {
          checkValue(at + "." + entry.getKey(), property.schema(), entry.getValue());
        }
      });
    }
  }

  private void checkValue(String at, Schema schema, JsonNode value) {
    switch (schema) {
      case Schema.Primitive p -> {
        if (!primitiveFits(p, value)) {
          problems.add(at + ": " + value + " is not a plausible " + p.type().term());
        }
      }
      case Schema.EnumSchema e -> {
        boolean known = e.values().stream().anyMatch(v -> v.value() instanceof Integer i
            ? value.isInt() && value.intValue() == i
            : value.isTextual() && value.textValue().equals(v.value()));
        if (!known) {
          problems.add(at + ": " + value + " is not one of the enum's values");
        }
      }
      case Schema.ObjectSchema o -> {
        if (!value.isObject()) {
          problems.add(at + ": expected an object");
          return;
        }
        Map<String, Schema> fields = new HashMap<>();
        o.fields().forEach(f -> fields.put(f.name(), f.schema()));
        value.properties().forEach(entry -> {
          Schema field = fields.get(entry.getKey());
          if (field == null) {
            problems.add(at + "." + entry.getKey() + ": no such field");
          } else {
            checkValue(at + "." + entry.getKey(), field, entry.getValue());
          }
        });
      }
      case Schema.MapSchema m -> {
        if (!value.isObject()) {
          problems.add(at + ": expected a map object");
          return;
        }
        value.properties().forEach(entry -> checkValue(at + "." + entry.getKey(), m.valueSchema(), entry.getValue()));
      }
      case Schema.ArraySchema a -> {
        if (!value.isArray()) {
          problems.add(at + ": expected an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          checkValue(at + "[" + i + "]", a.elementSchema(), value.get(i));
        }
      }
    }
  }

  private static boolean primitiveFits(Schema.Primitive primitive, JsonNode value) {
    return switch (primitive.type()) {
      case BOOLEAN -> value.isBoolean();
      case DOUBLE, FLOAT, DECIMAL -> value.isNumber();
      case INTEGER, LONG, SHORT, BYTE -> value.isIntegralNumber();
      case UNSIGNED_BYTE, UNSIGNED_SHORT, UNSIGNED_INTEGER, UNSIGNED_LONG ->
          value.isIntegralNumber() && value.bigIntegerValue().signum() >= 0;
      case STRING, UUID, BYTES -> value.isTextual();
      case DURATION -> value.isTextual() && value.textValue().startsWith("P");
      case DATE -> parses(value, s -> LocalDate.parse(s));
      case TIME -> parses(value, s -> LocalTime.parse(s));
      case DATE_TIME -> parses(value, s -> OffsetDateTime.parse(s));
      case POINT, MULTI_POINT, LINE_STRING, MULTI_LINE_STRING, POLYGON, MULTI_POLYGON ->
          value.isObject() && value.path("type").isTextual() && value.path("coordinates").isArray();
    };
  }

  private static boolean parses(JsonNode value, Function<String, Object> parser) {
    if (!value.isTextual()) {
      return false;
    }
    try {
      parser.apply(value.textValue());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
