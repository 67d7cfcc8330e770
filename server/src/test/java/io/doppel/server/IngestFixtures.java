package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

/** A sensor model with telemetry and properties, and the mapping from the docs that feeds it. */
final class IngestFixtures {
  static final String SENSOR_MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Sensor;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"temperature","schema":"double"},
                    {"@type":"Telemetry","name":"pressure","schema":"double"},
                    {"@type":"Property","name":"firmware","schema":"string","writable":true},
                    {"@type":"Property","name":"count","schema":"integer","writable":true}]}]
      """;

  static final String MAPPING = """
      {"match":{"topic":"plant/+/sensors/#"},"model":"dtmi:test:Sensor;1",
       "twinId":"{topic[1]}-{payload.deviceId}",
       "telemetry":{"temperature":{"from":"$.t","unit":"degF->degC"},"pressure":"$.raw * 0.1 + 3"},
       "properties":{"firmware":"$.fw"}}
      """;

  private IngestFixtures() {}

  static void sensors(Http http, String... twinIds) {
    Http.Response models = http.post("/models", SENSOR_MODEL);
    assertThat(models.status()).as(models.text()).isEqualTo(201);
    for (String id : twinIds) {
      Http.Response twin = http.put("/digitaltwins/" + id, "{\"$metadata\":{\"$model\":\"dtmi:test:Sensor;1\"}}");
      assertThat(twin.status()).as(twin.text()).isEqualTo(200);
    }
  }
}
