package io.doppel.store.rocksdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** A machine model with numeric, string and enum telemetry and properties, for the history tests on RocksDB. */
final class HistoryFixture {
  static final String MACHINE = "dtmi:test:Machine;1";
  static final String PUMP = "dtmi:test:Pump;1";
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> MODELS = List.of("""
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Machine;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"speed","schema":"double"},
                   {"@type":"Telemetry","name":"state","schema":{"@type":"Enum","valueSchema":"string",
                     "enumValues":[{"name":"idle","enumValue":"idle"},{"name":"running","enumValue":"running"},
                                   {"name":"fault","enumValue":"fault"}]}},
                   {"@type":"Telemetry","name":"note","schema":"string"},
                   {"@type":"Property","name":"label","schema":"string","writable":true}]}
      """, """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Pump;1","@type":"Interface",
       "contents":[{"@type":"Telemetry","name":"flow","schema":"double"}]}
      """);

  private HistoryFixture() {}

  static void twin(TwinEngine engine, String id, String model) {
    engine.putTwin(id, object("{\"$metadata\":{\"$model\":\"" + model + "\"}}"), Precondition.none());
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
