package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Message;
import io.doppel.ingest.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code /mappings} over real HTTP: versions, validation against the model, dry runs, and ingestion through them. */
class MappingApiTest {

  @Test
  void putStoresVersionsAndKeepsOldOnesReadable() throws Exception {
    TestServer.test((server, http) -> {
      IngestFixtures.sensors(http);
      Http.Response first = http.put("/mappings/plant-sensors", IngestFixtures.MAPPING);
      assertThat(first.status()).as(first.text()).isEqualTo(201);
      assertThat(first.json().path("version").asInt()).isEqualTo(1);
      Http.Response second = http.put("/mappings/plant-sensors",
          IngestFixtures.MAPPING.replace("$.fw", "$.firmware"));
      assertThat(second.status()).as(second.text()).isEqualTo(200);
      assertThat(second.json().path("version").asInt()).isEqualTo(2);

      assertThat(http.get("/mappings/plant-sensors").json().path("properties").path("firmware").asText())
          .isEqualTo("$.firmware");
      assertThat(http.get("/mappings/plant-sensors?version=1").json().path("properties").path("firmware").asText())
          .isEqualTo("$.fw");
      assertThat(http.get("/mappings/plant-sensors?version=3").errorCode()).isEqualTo("MAPPING_NOT_FOUND");
      JsonNode list = http.get("/mappings").json().path("value");
      assertThat(list).hasSize(1);
      assertThat(list.get(0).path("version").asInt()).isEqualTo(2);

      assertThat(http.delete("/mappings/plant-sensors").status()).isEqualTo(204);
      assertThat(http.get("/mappings/plant-sensors").status()).isEqualTo(404);
      assertThat(http.delete("/mappings/plant-sensors").errorCode()).isEqualTo("MAPPING_NOT_FOUND");
      // numbers never repeat after a delete, so a dead letter's mapping@version stays unambiguous
      assertThat(http.put("/mappings/plant-sensors", IngestFixtures.MAPPING).json().path("version").asInt())
          .isEqualTo(3);
    });
  }

  @Test
  void yamlIsAcceptedToo() throws Exception {
    TestServer.test((server, http) -> {
      String yaml = """
          match:
            topic: "lab/+/t"
          twinId: "{topic[1]}"
          telemetry:
            temperature: "$.t"
          """;
      Http.Response response = http.send("PUT", "/mappings/lab", yaml, "application/yaml");
      assertThat(response.status()).as(response.text()).isEqualTo(201);
      assertThat(response.json().path("match").path("topic").asText()).isEqualTo("lab/+/t");
    });
  }

  @Test
  void definitionsThatDoNotFitTheModelAreRefusedNamingTheField() throws Exception {
    TestServer.test((server, http) -> {
      IngestFixtures.sensors(http);
      assertRefused(http, IngestFixtures.MAPPING.replace("\"pressure\":", "\"humidity\":"), "telemetry.humidity",
          "has no telemetry 'humidity'");
      assertRefused(http, IngestFixtures.MAPPING.replace("\"firmware\":", "\"temperature\":"),
          "properties.temperature", "not a property");
      assertRefused(http, IngestFixtures.MAPPING.replace("\"$.fw\"", "\"$.fw * 2\""), "properties.firmware",
          "gives a (fractional) number but the model's schema is string");
      assertRefused(http, IngestFixtures.MAPPING.replace("degF->degC", "degF->kPa"), "telemetry.temperature.unit",
          "cannot convert degF (temperature) to kPa (pressure)");
      assertRefused(http, IngestFixtures.MAPPING.replace("degF->degC", "degF->furlong"),
          "telemetry.temperature.unit", "unknown unit 'furlong'");
      assertRefused(http, IngestFixtures.MAPPING.replace("$.raw * 0.1 + 3", "$.raw * (0.1 + 3"),
          "telemetry.pressure", "')' expected at the end");
      assertRefused(http, IngestFixtures.MAPPING.replace("dtmi:test:Sensor;1", "dtmi:test:Nope;1"), "model",
          "no model dtmi:test:Nope;1");
      assertRefused(http, IngestFixtures.MAPPING.replace("\"twinId\"", "\"twinid\""), "twinid", "unknown field");
      assertRefused(http, "{\"match\": [", "body", "not valid JSON at line 1");
      assertThat(http.get("/mappings").json().path("value")).isEmpty();
    });
  }

  @Test
  void dryRunShowsTheUpdatesWithoutMakingThem() throws Exception {
    TestServer.test((server, http) -> {
      IngestFixtures.sensors(http, "north-d7");
      http.put("/mappings/plant-sensors", IngestFixtures.MAPPING);
      Http.Response dry = http.post("/mappings/plant-sensors:test", """
          {"topic":"plant/north/sensors/line1","payload":{"deviceId":"d7","t":212,"raw":1000,"fw":"1.2"}}
          """);
      assertThat(dry.status()).as(dry.text()).isEqualTo(200);
      JsonNode body = dry.json();
      assertThat(body.path("mapping").asText()).isEqualTo("plant-sensors@1");
      assertThat(body.path("matches").asBoolean()).isTrue();
      assertThat(body.path("applies").asBoolean()).isTrue();
      JsonNode telemetry = body.path("updates").get(0);
      assertThat(telemetry.path("twinId").asText()).isEqualTo("north-d7");
      assertThat(telemetry.path("values").path("temperature").asDouble()).isCloseTo(100.0, org.assertj.core.data
          .Offset.offset(1e-9));
      assertThat(telemetry.path("values").path("pressure").asDouble()).isCloseTo(103.0, org.assertj.core.data
          .Offset.offset(1e-9));
      assertThat(body.path("updates").get(1).path("patch").get(0).path("path").asText()).isEqualTo("/firmware");
      assertThat(http.get("/digitaltwins/north-d7").json().has("firmware")).isFalse();

      Http.Response missing = http.post("/mappings/plant-sensors:test", """
          {"topic":"plant/north/sensors/line1","payload":{"deviceId":"d7","raw":1000,"fw":"1.2"}}
          """);
      assertThat(missing.json().path("applies").asBoolean()).isFalse();
      assertThat(missing.json().path("reason").asText()).isEqualTo("FIELD_MISSING");
      assertThat(missing.json().path("detail").asText()).contains("telemetry.temperature").contains("$.t");
    });
  }

  @Test
  void ingestionUsesTheMostSpecificStoredMappingElseTheConvention() throws Exception {
    TestServer.test((server, http) -> {
      IngestFixtures.sensors(http, "north-d7", "d7");
      http.put("/mappings/plant-sensors", IngestFixtures.MAPPING);
      http.put("/mappings/north-only", """
          {"match":{"topic":"plant/north/sensors/+"},"twinId":"{payload.deviceId}",
           "properties":{"count":"$.n + 1"}}
          """);
      Outcome specific = ingest(server, "plant/north/sensors/x", "{\"deviceId\":\"d7\",\"n\":41}");
      assertThat(specific.isApplied()).as(String.valueOf(specific.deadLetter())).isTrue();
      assertThat(http.get("/digitaltwins/d7").json().path("count").asInt()).isEqualTo(42);

      Outcome general = ingest(server, "plant/north/sensors/x/deep",
          "{\"deviceId\":\"d7\",\"t\":32,\"raw\":0,\"fw\":\"2.0\"}");
      assertThat(general.isApplied()).as(String.valueOf(general.deadLetter())).isTrue();
      assertThat(http.get("/digitaltwins/north-d7").json().path("firmware").asText()).isEqualTo("2.0");

      Outcome convention = ingest(server, "twins/d7/properties", "{\"count\":7}");
      assertThat(convention.isApplied()).isTrue();
      assertThat(http.get("/digitaltwins/d7").json().path("count").asInt()).isEqualTo(7);
    });
  }

  private static Outcome ingest(DoppelServer server, String topic, String payload) {
    return server.ingestor().ingest(Message.of("mqtt", "dev", topic, payload.getBytes(StandardCharsets.UTF_8),
        Instant.now())).join();
  }

  private static void assertRefused(Http http, String body, String target, String message) {
    Http.Response response = http.put("/mappings/bad", body);
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("MAPPING_INVALID");
    assertThat(response.targets().trim()).isEqualTo(target);
    assertThat(response.json().path("error").path("message").asText()).contains(message);
  }
}
