package io.doppel.query;

import java.util.List;

/**
 * The graph the query tests and the docs examples run against: a building with two floors, five rooms, sensors, and
 * a chain of pumps that call each other.
 *
 * <pre>
 * b1 -contains-> floor-1 -contains-> room-11 (20.0, ok), room-12 (22.5, ok, map zones: 1north, 2south)
 *    -contains-> floor-2 -contains-> room-21 (26.0, warn) -contains-> sensor-211
 *                                    room-22 (27.5, fault) -contains-> sensor-221, sensor-222
 *                                    room-23 (19.0, ok)
 * pump-1 (fault) -calls(250)-> pump-2 (warn) -calls(120)-> pump-3 (ok) -calls(300)-> pump-1
 * </pre>
 */
final class Buildings {
  static final String SPACE = "dtmi:com:example:Space;1";
  static final String BUILDING = "dtmi:com:example:Building;1";
  static final String FLOOR = "dtmi:com:example:Floor;1";
  static final String ROOM = "dtmi:com:example:Room;1";
  static final String SENSOR = "dtmi:com:example:Sensor;1";
  static final String PUMP = "dtmi:com:example:Pump;1";

  private Buildings() {}

  static List<String> models() {
    return List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Space;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "name", "schema": "string"},
                      {"@type": "Relationship", "name": "contains"}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Building;1", "@type": "Interface",
         "extends": "dtmi:com:example:Space;1"}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Floor;1", "@type": "Interface",
         "extends": "dtmi:com:example:Space;1",
         "contents": [{"@type": "Property", "name": "level", "schema": "integer"}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Room;1", "@type": "Interface",
         "extends": "dtmi:com:example:Space;1",
         "contents": [{"@type": "Property", "name": "temperature", "schema": "double"},
                      {"@type": "Property", "name": "status", "schema": "string"},
                      {"@type": "Property", "name": "occupied", "schema": "boolean"},
                      {"@type": "Property", "name": "tags", "schema": {"@type": "Array", "elementSchema": "string"}},
                      {"@type": "Property", "name": "hvac", "schema": {"@type": "Object", "fields": [
                         {"name": "mode", "schema": "string"}, {"name": "setPoint", "schema": "double"}]}},
                      {"@type": "Property", "name": "zones", "schema": {"@type": "Map",
                       "mapKey": {"name": "zone", "schema": "string"},
                       "mapValue": {"name": "temperature", "schema": "double"}}}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Sensor;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "serialNumber", "schema": "string"},
                      {"@type": "Property", "name": "reading", "schema": "double"}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Pump;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "status", "schema": "string"},
                      {"@type": "Relationship", "name": "calls",
                       "properties": [{"@type": "Property", "name": "latencyMs", "schema": "double"}]}]}""");
  }

  static MemoryGraph graph() {
    return MemoryGraph.builder(models())
        .twin("b1", BUILDING, "{\"name\": \"HQ\"}")
        .twin("floor-1", FLOOR, "{\"name\": \"Ground\", \"level\": 1}")
        .twin("floor-2", FLOOR, "{\"name\": \"First\", \"level\": 2}")
        .twin("room-11", ROOM, """
            {"name": "Lobby", "temperature": 20.0, "status": "ok", "occupied": true, "tags": ["public"],
             "hvac": {"mode": "auto", "setPoint": 21}}""")
        .twin("room-12", ROOM, """
            {"name": "Cafe", "temperature": 22.5, "status": "ok", "occupied": false,
             "zones": {"1north": 22.0, "2south": 23.5}}""")
        .twin("room-21", ROOM, """
            {"name": "Lab", "temperature": 26, "status": "warn", "occupied": true, "tags": ["lab", "restricted"],
             "hvac": {"mode": "cool", "setPoint": 19}}""")
        .twin("room-22", ROOM, "{\"name\": \"Server room\", \"temperature\": 27.5, \"status\": \"fault\"}")
        .twin("room-23", ROOM, "{\"name\": \"Office\", \"temperature\": 19.0, \"status\": \"ok\"}")
        .twin("sensor-211", SENSOR, "{\"serialNumber\": \"SN-1\", \"reading\": 26.1}")
        .twin("sensor-221", SENSOR, "{\"serialNumber\": \"SN-2\", \"reading\": 27.4}")
        .twin("sensor-222", SENSOR, "{\"reading\": 27.6}")
        .twin("pump-1", PUMP, "{\"status\": \"fault\"}")
        .twin("pump-2", PUMP, "{\"status\": \"warn\"}")
        .twin("pump-3", PUMP, "{\"status\": \"ok\"}")
        .rel("b1", "b1-f1", "contains", "floor-1", "")
        .rel("b1", "b1-f2", "contains", "floor-2", "")
        .rel("floor-1", "f1-r11", "contains", "room-11", "")
        .rel("floor-1", "f1-r12", "contains", "room-12", "")
        .rel("floor-2", "f2-r21", "contains", "room-21", "")
        .rel("floor-2", "f2-r22", "contains", "room-22", "")
        .rel("floor-2", "f2-r23", "contains", "room-23", "")
        .rel("room-21", "r21-s211", "contains", "sensor-211", "")
        .rel("room-22", "r22-s221", "contains", "sensor-221", "")
        .rel("room-22", "r22-s222", "contains", "sensor-222", "")
        .rel("pump-1", "p1-p2", "calls", "pump-2", "{\"latencyMs\": 250}")
        .rel("pump-2", "p2-p3", "calls", "pump-3", "{\"latencyMs\": 120}")
        .rel("pump-3", "p3-p1", "calls", "pump-1", "{\"latencyMs\": 300}")
        .index("temperature")
        .index("status")
        .build();
  }
}
