package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Valid requests per route for the HTTP mutation fuzzer, over the state {@link #install} creates (the demo's factory,
 * the test building, a smart meter and the plant sensors with their mapping). A route without an entry here still
 * gets fuzzed: {@link #fallback} builds a body from the route's request schema in {@code /openapi.json}.
 */
final class HttpFuzzSeeds {
  /** A valid request: the concrete path (with query) and body. */
  record Seed(String target, String body) {}

  static final Map<String, List<Seed>> SEEDS = Map.ofEntries(
      seeds("POST /models", "/models", """
          [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:fuzz:Pump;1","@type":"Interface",
            "contents":[{"@type":"Property","name":"rpm","schema":"double","writable":true},
                        {"@type":"Telemetry","name":"flow","schema":"double"}]}]"""),
      seeds("PATCH /models/{id}", "/models/dtmi%3Afuzz%3ASpare%3B1",
          "[{\"op\":\"replace\",\"path\":\"/decommissioned\",\"value\":false}]"),
      seeds("PUT /digitaltwins/{id}", "/digitaltwins/fuzz-room", Fixtures.room("fuzz-room", 19.5),
          "/digitaltwins/fuzz-meter", "{\"$metadata\":{\"$model\":\"dtmi:test:SmartMeter;1\"},\"limit\":5}"),
      seeds("PATCH /digitaltwins/{id}", "/digitaltwins/room-1",
          "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":22.5},{\"op\":\"add\",\"path\":\"/floor\","
              + "\"value\":2}]"),
      seeds("PATCH /digitaltwins/{id}/components/{component}", "/digitaltwins/room-1/components/thermostat",
          "[{\"op\":\"replace\",\"path\":\"/setPoint\",\"value\":20.5}]"),
      seeds("PUT /digitaltwins/{id}/relationships/{relId}", "/digitaltwins/room-1/relationships/r2",
          "{\"$targetId\":\"dev-1\",\"$relationshipName\":\"contains\",\"since\":\"2024-01-01\"}"),
      seeds("PATCH /digitaltwins/{id}/relationships/{relId}", "/digitaltwins/room-1/relationships/r1",
          "[{\"op\":\"add\",\"path\":\"/since\",\"value\":\"2024-02-01\"}]"),
      seeds("POST /query", "/query",
          "{\"query\":\"SELECT * FROM DIGITALTWINS T WHERE T.temperature > 10 AND IS_OF_MODEL('dtmi:test:Room;1')\"}",
          "/query", "{\"query\":\"SELECT R, D FROM DIGITALTWINS R JOIN D RELATED R.contains WHERE R.$dtId = 'room-1'\"}"),
      seeds("POST /query/explain", "/query/explain", "{\"query\":\"SELECT COUNT() FROM DIGITALTWINS WHERE floor = 1\"}"),
      seeds("POST /digitaltwins/{id}/telemetry", "/digitaltwins/m1/telemetry", "{\"power\":7.5,\"voltage\":230}"),
      seeds("POST /digitaltwins/{id}/components/{component}/telemetry",
          "/digitaltwins/room-1/components/thermostat/telemetry", "{\"setPoint\":1}"),
      seeds("PUT /indexes/{path}", "/indexes/temperature", ""),
      seeds("POST /ingest", "/ingest?topic=twins/m1/telemetry", "{\"power\":3.5}",
          "/ingest?topic=plant/north/sensors/line1", "{\"deviceId\":\"d7\",\"t\":212,\"raw\":1000,\"fw\":\"1.2\"}"),
      seeds("POST /ingest/batch", "/ingest/batch", """
          {"messages":[{"topic":"twins/m1/telemetry","payload":{"power":4},
                        "headers":{"Telemetry-Source-Time":"2026-12-01T00:00:00Z"}},
                       {"topic":"plant/north/sensors/line1","payload":{"deviceId":"d7","t":100,"raw":20}},
                       {"topic":"twins/m1/telemetry","payloadBase64":"eyJwb3dlciI6MX0="}]}"""),
      seeds("PUT /rules/{id}", "/rules/hot-meter",
          "{\"kind\":\"alert\",\"model\":\"dtmi:test:Meter;1\",\"condition\":\"power > 90\",\"severity\":\"critical\"}"),
      seeds("PUT /history/retention", "/history/retention",
          "{\"rules\":[{\"model\":\"dtmi:test:Meter;1\",\"keep\":\"P7D\"}]}"),
      seeds("POST /history/retention/sweep", "/history/retention/sweep", ""),
      seeds("PUT /mappings/{id}", "/mappings/plant-sensors", IngestFixtures.MAPPING),
      seeds("POST /mappings/{id}:test", "/mappings/plant-sensors:test",
          "{\"topic\":\"plant/north/sensors/line1\",\"payload\":{\"deviceId\":\"d7\",\"t\":212,\"raw\":1000,"
              + "\"fw\":\"1.2\"}}"),
      seeds("POST /deadletters:replay", "/deadletters:replay", "{\"maxItems\":5}"),
      seeds("POST /deadletters/{id}:replay", "/deadletters/1:replay", ""),
      seeds("PUT /connectors/{id}", "/connectors/bridge",
          "{\"type\":\"mqtt-bridge\",\"uri\":\"tcp://127.0.0.1:1\",\"topics\":[\"plant/#\"]}"),
      seeds("POST /connectors/{id}:pause", "/connectors/bridge:pause", ""),
      seeds("POST /connectors/{id}:resume", "/connectors/bridge:resume", ""),
      seeds("POST /digitaltwins/{id}/commands/{name}", "/digitaltwins/m1/commands/reboot", "{\"delay\":1}"),
      seeds("PUT /eventroutes/{id}", "/eventroutes/hook", """
          {"endpoint":{"type":"webhook","url":"http://127.0.0.1:1/hook","secret":"s3cret"},
           "filter":{"twin":"room-1","type":"io.doppel.twin.patched"},
           "options":{"backoffBase":"PT1S","backoffMax":"PT10S","failingAfter":2}}"""),
      seeds("POST /eventroutes/{id}:pause", "/eventroutes/hook:pause", ""),
      seeds("POST /eventroutes/{id}:resume", "/eventroutes/hook:resume", ""),
      seeds("POST /eventroutes/{id}/letters/{version}:redeliver", "/eventroutes/hook/letters/1:redeliver", ""),
      seeds("PUT /digitaltwins/{id}/anomalies/settings", "/digitaltwins/m1/anomalies/settings?name=power",
          "{\"sensitivity\":2.5}"),
      seeds("PUT /scenarios/{id}", "/scenarios/fuzz",
          // a short horizon and the fewest replications: a run the fuzzer starts is cancelled at once anyway
          "{\"horizon\":5,\"warmup\":1,\"replications\":2,\"seed\":2,\"changes\":[{\"type\":\"demand\","
              + "\"factor\":1.5}]}"),
      seeds("POST /scenarios/{id}/runs", "/scenarios/fuzz/runs", ""),
      seeds("POST /scenarios/{id}/calibrate", "/scenarios/fuzz/calibrate",
          "{\"from\":\"2026-11-30T10:00:00Z\",\"to\":\"2026-11-30T10:10:00Z\"}"),
      seeds("POST /auth/login", "/auth/login", "{\"apiKey\":\"" + HttpMutationFuzzTest.ADMIN_KEY + "\"}"),
      seeds("POST /auth/logout", "/auth/logout", ""),
      seeds("POST /auth/keys", "/auth/keys", "{\"name\":\"fuzz\",\"roles\":[\"reader\"]}"),
      seeds("PUT /auth/policies/{id}", "/auth/policies/readers",
          "{\"roles\":[\"reader\"],\"actions\":[\"read\"],\"twins\":\"*\"}"),
      seeds("PUT /tenants/{name}", "/tenants/fuzz", ""),
      seeds("PUT /warnings/{name}", "/warnings/hot", WarningApiTest.HOT));

  private HttpFuzzSeeds() {}

  /** The state the seeds refer to, made with the admin client; the demo's factory is loaded by the server. */
  static void install(Http admin) {
    Fixtures.uploadModels(admin);
    Fixtures.createRoom(admin, "room-1", 20);
    Fixtures.createDevice(admin, "dev-1");
    Fixtures.contains(admin, "room-1", "r1", "dev-1");
    HistoryApiTest.meter(admin, "m1");
    IngestFixtures.sensors(admin, "north-d7");
    ok(admin.post("/models", "[{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:fuzz:Spare;1\","
        + "\"@type\":\"Interface\",\"contents\":[]}]"));
    ok(admin.put("/mappings/plant-sensors", IngestFixtures.MAPPING));
    ok(admin.put("/scenarios/fuzz", SEEDS.get("PUT /scenarios/{id}").get(0).body()));
    ok(admin.post("/ingest?topic=twins/m1/telemetry", "{\"power\": 7.5,,}")); // a dead letter to replay
  }

  /**
   * Seeds for a route this class does not know: {@code {}} and an object with a sample value of the right type for
   * each property of the route's request schema in {@code openapi}, so a new route is fuzzed from day one.
   */
  static List<Seed> fallback(JsonNode openapi, String method, String template) {
    String target = template.replace("<path>", "x").replaceAll("\\{[^}]+}", "fuzz");
    List<Seed> out = new ArrayList<>(List.of(new Seed(target, "{}"), new Seed(target, "")));
    JsonNode content = openapi.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT))
        .path("requestBody").path("content");
    for (JsonNode media : content) {
      JsonNode schema = resolve(openapi, media.path("schema"));
      if (schema.has("properties")) {
        ObjectNode body = Http.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> property = it.next();
          body.set(property.getKey(), sampleValue(resolve(openapi, property.getValue())));
        }
        out.add(new Seed(target, body.toString()));
      }
    }
    return out;
  }

  private static JsonNode resolve(JsonNode openapi, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    return ref.startsWith("#/") ? openapi.at(ref.substring(1)) : schema;
  }

  private static JsonNode sampleValue(JsonNode schema) {
    return switch (schema.path("type").asText("")) {
      case "integer" -> Http.MAPPER.getNodeFactory().numberNode(1);
      case "number" -> Http.MAPPER.getNodeFactory().numberNode(1.5);
      case "boolean" -> Http.MAPPER.getNodeFactory().booleanNode(true);
      case "array" -> Http.MAPPER.createArrayNode();
      case "object" -> Http.MAPPER.createObjectNode();
      default -> Http.MAPPER.getNodeFactory().textNode("fuzz");
    };
  }

  private static void ok(Http.Response response) {
    assertThat(response.status()).as(response.text()).isLessThan(300);
  }

  /** One route's seeds from (target, body) pairs. */
  private static Map.Entry<String, List<Seed>> seeds(String route, String... targetsAndBodies) {
    List<Seed> list = new ArrayList<>();
    for (int i = 0; i + 1 < targetsAndBodies.length; i += 2) {
      list.add(new Seed(targetsAndBodies[i], targetsAndBodies[i + 1]));
    }
    return Map.entry(route, List.copyOf(list));
  }
}
