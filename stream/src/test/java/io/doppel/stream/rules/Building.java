package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A small building for the rules' tests: floors containing rooms, and services with telemetry. */
final class Building {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String FLOOR = "dtmi:r:Floor;1";
  static final String ROOM = "dtmi:r:Room;1";
  static final String LAB = "dtmi:r:Lab;1";
  static final String SERVICE = "dtmi:r:Service;1";
  static final List<String> MODELS = List.of("""
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Room;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "temperature", "schema": "double", "writable": true},
                    {"@type": "Property", "name": "overheated", "schema": "string", "writable": true},
                    {"@type": "Property", "name": "hot", "schema": "boolean", "writable": true},
                    {"@type": "Property", "name": "label", "schema": "string"}]}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Lab;1", "@type": "Interface", "extends": "dtmi:r:Room;1",
       "contents": [{"@type": "Property", "name": "fumeHood", "schema": "boolean", "writable": true}]}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Floor;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "averageTemperature", "schema": "double", "writable": true},
                    {"@type": "Property", "name": "roomCount", "schema": "integer", "writable": true},
                    {"@type": "Property", "name": "a", "schema": "double", "writable": true},
                    {"@type": "Property", "name": "b", "schema": "double", "writable": true},
                    {"@type": "Property", "name": "name", "schema": "string", "writable": true},
                    {"@type": "Relationship", "name": "contains", "target": "dtmi:r:Room;1"}]}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Service;1", "@type": "Interface",
       "contents": [{"@type": "Telemetry", "name": "errorRate", "schema": "double"},
                    {"@type": "Property", "name": "errorPercent", "schema": "double", "writable": true},
                    {"@type": "Property", "name": "upstreamErrors", "schema": "double", "writable": true},
                    {"@type": "Relationship", "name": "feeds"}]}""");

  private Building() {}

  static TwinEngine engine() {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(MODELS);
    return engine;
  }

  static void twin(TwinEngine engine, String id, String model, String properties) {
    ObjectNode body = (ObjectNode) json(properties);
    body.putObject("$metadata").put("$model", model);
    engine.putTwin(id, body, Precondition.none());
  }

  static void set(TwinEngine engine, String id, String property, Object value) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "add").put("path", "/" + property).set("value", JSON.valueToTree(value));
    engine.patchTwin(id, patch, Precondition.none());
  }

  static void relate(TwinEngine engine, String source, String id, String name, String target) {
    ObjectNode body = JSON.createObjectNode().put("$relationshipName", name).put("$targetId", target);
    engine.putRelationship(source, id, body, Precondition.none());
  }

  static JsonNode property(TwinEngine engine, String id, String name) {
    return engine.getTwin(id).json().path(name);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
