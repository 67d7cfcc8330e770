package io.doppel.bench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The twin shape the engine benchmarks use: one Interface with ten properties of mixed primitive schemas. */
final class SensorModel {
  static final String ID = "dtmi:bench:Sensor;1";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DTDL = """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Sensor;1", "@type": "Interface",
       "contents": [
         {"@type": "Property", "name": "p0", "schema": "double", "writable": true},
         {"@type": "Property", "name": "p1", "schema": "double", "writable": true},
         {"@type": "Property", "name": "p2", "schema": "double", "writable": true},
         {"@type": "Property", "name": "p3", "schema": "double", "writable": true},
         {"@type": "Property", "name": "p4", "schema": "double", "writable": true},
         {"@type": "Property", "name": "p5", "schema": "integer", "writable": true},
         {"@type": "Property", "name": "p6", "schema": "integer", "writable": true},
         {"@type": "Property", "name": "p7", "schema": "string", "writable": true},
         {"@type": "Property", "name": "p8", "schema": "string", "writable": true},
         {"@type": "Property", "name": "p9", "schema": "boolean", "writable": true}
       ]}""";

  private SensorModel() {}

  static ObjectNode twin(int i) {
    ObjectNode twin = JSON.createObjectNode();
    twin.putObject("$metadata").put("$model", ID);
    twin.put("p0", i + 0.5).put("p1", 1.25).put("p2", 2.5).put("p3", 3.75).put("p4", 4.0);
    twin.put("p5", i).put("p6", 6).put("p7", "sensor-" + i).put("p8", "zone-" + (i % 16)).put("p9", true);
    return twin;
  }

  static ArrayNode patch(double value) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "replace").put("path", "/p0").put("value", value);
    return patch;
  }
}
