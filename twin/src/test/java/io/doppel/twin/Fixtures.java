package io.doppel.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** DTDL models and twin bodies shared by the engine's tests (and, through the test jar, by store tests). */
public final class Fixtures {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String ROOM = "dtmi:test:Room;1";
  public static final String DEVICE = "dtmi:test:Device;1";
  public static final String SMART_DEVICE = "dtmi:test:SmartDevice;1";
  public static final String THERMOSTAT = "dtmi:test:Thermostat;1";
  public static final String SENSOR = "dtmi:test:Sensor;1";

  private Fixtures() {}

  public static List<String> models() {
    return List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Thermostat;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "setpoint", "schema": "double", "writable": true}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Device;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "serial", "schema": "string"}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:SmartDevice;1", "@type": "Interface",
         "extends": "dtmi:test:Device;1",
         "contents": [{"@type": "Property", "name": "firmware", "schema": "string"}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Room;1", "@type": "Interface",
         "contents": [
           {"@type": "Property", "name": "temperature", "schema": "double", "writable": true},
           {"@type": "Property", "name": "name", "schema": "string", "writable": true},
           {"@type": "Property", "name": "occupancy", "schema": "integer", "writable": true},
           {"@type": "Property", "name": "level", "schema": "long", "writable": true},
           {"@type": "Property", "name": "opened", "schema": "date", "writable": true},
           {"@type": "Property", "name": "lastSeen", "schema": "dateTime", "writable": true},
           {"@type": "Property", "name": "cleaning", "schema": "duration", "writable": true},
           {"@type": "Property", "name": "wakeUp", "schema": "time", "writable": true},
           {"@type": "Property", "name": "location", "schema": "point", "writable": true},
           {"@type": "Property", "name": "tags", "writable": true,
            "schema": {"@type": "Map", "mapKey": {"name": "key", "schema": "string"},
                       "mapValue": {"name": "value", "schema": "string"}}},
           {"@type": "Property", "name": "readings", "writable": true,
            "schema": {"@type": "Array", "elementSchema": "double"}},
           {"@type": "Property", "name": "address", "writable": true,
            "schema": {"@type": "Object", "fields": [{"name": "city", "schema": "string"},
                                                     {"name": "zip", "schema": "integer"}]}},
           {"@type": "Property", "name": "status", "writable": true,
            "schema": {"@type": "Enum", "valueSchema": "string", "enumValues": [
              {"name": "open", "enumValue": "open"}, {"name": "closed", "enumValue": "closed"}]}},
           {"@type": "Telemetry", "name": "humidity", "schema": "double"},
           {"@type": "Command", "name": "reboot"},
           {"@type": "Component", "name": "thermostat", "schema": "dtmi:test:Thermostat;1"},
           {"@type": "Relationship", "name": "contains", "target": "dtmi:test:Device;1", "maxMultiplicity": 2,
            "properties": [{"@type": "Property", "name": "since", "schema": "dateTime"}]},
           {"@type": "Relationship", "name": "near"}
         ]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Sensor;1", "@type": "Interface",
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
         ]}""");
  }

  public static ObjectNode json(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static ArrayNode patch(String text) {
    try {
      return (ArrayNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static ObjectNode room(double temperature) {
    return json("""
        {"$metadata": {"$model": "dtmi:test:Room;1"}, "temperature": %s, "name": "lab",
         "thermostat": {"$metadata": {}, "setpoint": 21.5}}""".formatted(temperature));
  }

  public static ObjectNode device(String model) {
    return json("{\"$metadata\": {\"$model\": \"" + model + "\"}, \"serial\": \"s-1\"}");
  }

  /** A sensor twin with ten properties, the shape the load benchmark uses. */
  public static ObjectNode sensor(int i) {
    return json(("{\"$metadata\": {\"$model\": \"dtmi:test:Sensor;1\"}, \"p0\": %d.5, \"p1\": 1.25, \"p2\": 2.5,"
        + " \"p3\": 3.75, \"p4\": 4.0, \"p5\": %d, \"p6\": 6, \"p7\": \"name-%d\", \"p8\": \"zone-a\", \"p9\": true}")
        .formatted(i, i, i));
  }

  public static ObjectNode relationship(String name, String target) {
    return json("{\"$relationshipName\": \"" + name + "\", \"$targetId\": \"" + target + "\"}");
  }
}
