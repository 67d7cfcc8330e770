package io.doppel.twin.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.PrimitiveType;
import org.jspecify.annotations.Nullable;

/** GeoJSON geometry checks for DTDL's geospatial schemas: the right {@code type} and coordinate nesting. */
final class Geo {
  private Geo() {}

  static @Nullable String problem(JsonNode value, PrimitiveType type) {
    String geoType = switch (type) {
      case POINT -> "Point";
      case MULTI_POINT -> "MultiPoint";
      case LINE_STRING -> "LineString";
      case MULTI_LINE_STRING -> "MultiLineString";
      case POLYGON -> "Polygon";
      case MULTI_POLYGON -> "MultiPolygon";
      default -> throw new IllegalArgumentException(type + " is not geospatial");
    };
    if (!value.isObject()) {
      return "expected a GeoJSON " + geoType + " object, got " + SchemaValidator.kind(value);
    }
    JsonNode t = value.get("type");
    if (t == null || !t.asText().equals(geoType) || !t.isTextual()) {
      return "expected GeoJSON \"type\": \"" + geoType + "\"";
    }
    for (var member : value.properties()) {
      if (!member.getKey().equals("type") && !member.getKey().equals("coordinates")) {
        return "unexpected member '" + member.getKey() + "' in a GeoJSON " + geoType;
      }
    }
    JsonNode coordinates = value.get("coordinates");
    if (coordinates == null) {
      return "a GeoJSON " + geoType + " needs \"coordinates\"";
    }
    boolean ok = switch (type) {
      case POINT -> isPosition(coordinates);
      case MULTI_POINT -> isListOf(coordinates, 0, Geo::isPosition);
      case LINE_STRING -> isListOf(coordinates, 2, Geo::isPosition);
      case MULTI_LINE_STRING -> isListOf(coordinates, 0, c -> isListOf(c, 2, Geo::isPosition));
      case POLYGON -> isListOf(coordinates, 0, Geo::isRing);
      default -> isListOf(coordinates, 0, c -> isListOf(c, 0, Geo::isRing));
    };
    return ok ? null : "the \"coordinates\" of a GeoJSON " + geoType + " are malformed";
  }

  private static boolean isPosition(JsonNode node) {
    if (!node.isArray() || node.size() < 2 || node.size() > 3) {
      return false;
    }
    for (JsonNode n : node) {
      if (!n.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isRing(JsonNode node) {
    return isListOf(node, 4, Geo::isPosition);
  }

  private static boolean isListOf(JsonNode node, int min, java.util.function.Predicate<JsonNode> element) {
    if (!node.isArray() || node.size() < min) {
      return false;
    }
    for (JsonNode n : node) {
      if (!element.test(n)) {
        return false;
      }
    }
    return true;
  }
}
