package io.doppel.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.List;

/** A small plant for the stream's tests: a base model, a model that extends it, an unrelated one. */
final class Plant {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ASSET = "dtmi:s:Asset;1";
  static final String PUMP = "dtmi:s:Pump;1";
  static final String ROOM = "dtmi:s:Room;1";

  private Plant() {}

  static TwinEngine engine() {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:s:Asset;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "label", "schema": "string", "writable": true}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:s:Pump;1", "@type": "Interface",
         "extends": "dtmi:s:Asset;1",
         "contents": [{"@type": "Property", "name": "rpm", "schema": "double", "writable": true}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:s:Room;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "temperature", "schema": "double", "writable": true},
                      {"@type": "Relationship", "name": "contains"},
                      {"@type": "Relationship", "name": "near"}]}"""));
    return engine;
  }

  static void twin(TwinEngine engine, String id, String model) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("$metadata").put("$model", model);
    engine.putTwin(id, body, Precondition.none());
  }

  static void patch(TwinEngine engine, String id, String property, double value) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "add").put("path", "/" + property).put("value", value);
    engine.patchTwin(id, patch, Precondition.none());
  }

  static void relate(TwinEngine engine, String source, String id, String name, String target) {
    ObjectNode body = JSON.createObjectNode().put("$relationshipName", name).put("$targetId", target);
    engine.putRelationship(source, id, body, Precondition.none());
  }
}
