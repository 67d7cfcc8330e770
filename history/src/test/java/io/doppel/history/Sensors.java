package io.doppel.history;

import io.doppel.twin.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Test models: a Sensor with telemetry and properties, a Probe that extends it (inherited telemetry), with a
 * Thermostat component; and an engine plus history over in-memory stores.
 */
final class Sensors {
  static final String SENSOR = "dtmi:test:Sensor;1";
  static final String PROBE = "dtmi:test:Probe;1";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  static final List<String> MODELS = List.of("""
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Thermostat;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"setPoint","schema":"double","writable":true},
                   {"@type":"Telemetry","name":"load","schema":"double"}]}
      """, """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Sensor;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"temperature","schema":"double"},
                   {"@type":"Telemetry","name":"status","schema":"string"},
                   {"@type":"Telemetry","name":"position","schema":{"@type":"Object","fields":[
                     {"name":"x","schema":"double"},{"name":"y","schema":"double"}]}},
                   {"@type":"Property","name":"threshold","schema":"double","writable":true},
                   {"@type":"Property","name":"enabled","schema":"boolean","writable":true},
                   {"@type":"Property","name":"label","schema":"string","writable":true}]}
      """, """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Probe;1","@type":"Interface",
       "extends":"dtmi:test:Sensor;1",
       "contents":[{"@type":"Telemetry","name":"humidity","schema":"integer"},
                   {"@type":"Component","name":"thermostat","schema":"dtmi:test:Thermostat;1"}]}
      """);

  private Sensors() {}

  static TwinEngine engine(MutableClock clock) {
    TwinEngine engine = TwinEngine.open(TwinStore.inMemory(), clock);
    engine.addModels(MODELS);
    return engine;
  }

  static void createProbe(TwinEngine engine, String id, double threshold) {
    engine.putTwin(id, object("""
        {"$metadata":{"$model":"dtmi:test:Probe;1"},"threshold":%s,"enabled":true,"label":"north",
         "thermostat":{"$metadata":{},"setPoint":21.0}}
        """.formatted(threshold)), Precondition.none());
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ArrayNode array(String json) {
    try {
      return (ArrayNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
