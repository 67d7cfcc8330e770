package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random and mutated bodies and patches never produce a 5xx, and a rejected write leaves no trace. */
class HttpFuzzPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static DoppelServer server;
  private static Http http;

  @BeforeContainer
  static void start() {
    server = DoppelServer.start(ServerConfig.ephemeral());
    http = new Http(server.baseUri());
    Fixtures.uploadModels(http);
    Fixtures.createRoom(http, "room-1", 20);
    Fixtures.createDevice(http, "dev-1");
    Fixtures.contains(http, "room-1", "r1", "dev-1");
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Property(tries = 150)
  void randomPatchesNeverFailTheServerNorWriteHalfway(@ForAll("patches") String patch) {
    JsonNode before = http.get("/digitaltwins/room-1").json();
    Http.Response response = http.patch("/digitaltwins/room-1", patch);
    assertThat(response.status()).as(patch + " -> " + response.text()).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.errorCode()).isNotBlank();
      assertThat(http.get("/digitaltwins/room-1").json()).as(patch).isEqualTo(before);
    }
  }

  @Property(tries = 100)
  void randomComponentAndRelationshipPatchesNeverFailTheServer(@ForAll("patches") String patch) {
    JsonNode twin = http.get("/digitaltwins/room-1").json();
    JsonNode rel = http.get("/digitaltwins/room-1/relationships/r1").json();
    Http.Response component = http.patch("/digitaltwins/room-1/components/thermostat", patch);
    Http.Response relationship = http.patch("/digitaltwins/room-1/relationships/r1", patch);
    assertThat(component.status()).as(patch + " -> " + component.text()).isLessThan(500);
    assertThat(relationship.status()).as(patch + " -> " + relationship.text()).isLessThan(500);
    if (component.status() >= 400) {
      assertThat(http.get("/digitaltwins/room-1").json()).isEqualTo(twin);
    }
    if (relationship.status() >= 400) {
      assertThat(http.get("/digitaltwins/room-1/relationships/r1").json()).isEqualTo(rel);
    }
  }

  @Property(tries = 150)
  void mutatedTwinBodiesNeverFailTheServerNorCreateHalfATwin(@ForAll("bodies") String body) {
    Http.Response response = http.put("/digitaltwins/fuzz", body, "If-None-Match", "*");
    assertThat(response.status()).as(body + " -> " + response.text()).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.errorCode()).isNotBlank();
      assertThat(http.get("/digitaltwins/fuzz").status()).as(body).isEqualTo(404);
    } else {
      assertThat(http.delete("/digitaltwins/fuzz").status()).isEqualTo(204);
    }
  }

  @Property(tries = 60)
  void randomRelationshipBodiesNeverFailTheServer(@ForAll("bodies") String body) {
    Http.Response response = http.put("/digitaltwins/room-1/relationships/fuzz", body, "If-None-Match", "*");
    assertThat(response.status()).as(body + " -> " + response.text()).isLessThan(500);
    if (response.status() < 400) {
      assertThat(http.delete("/digitaltwins/room-1/relationships/fuzz").status()).isEqualTo(204);
    } else {
      assertThat(http.get("/digitaltwins/room-1/relationships/fuzz").status()).isEqualTo(404);
    }
  }

  @Provide
  Arbitrary<String> patches() {
    Arbitrary<String> op = Arbitraries.of("add", "remove", "replace", "move", "copy", "test", "nope", "");
    Arbitrary<String> path = Arbitraries.oneOf(
        Arbitraries.of("/temperature", "/floor", "/name", "/thermostat", "/thermostat/setPoint", "/setPoint",
            "/since", "/$metadata", "/$dtId", "/$metadata/$model", "/", "", "/-", "/a~1b", "/~2", "/x/y/z",
            "/$targetId", "/$relationshipName", "/0"),
        Arbitraries.strings().ofMaxLength(12));
    Arbitrary<JsonNode> value = values();
    Arbitrary<JsonNode> operation = Combinators.combine(op, path, path, value, Arbitraries.integers().between(0, 7))
        .as((o, p, from, v, shape) -> {
          ObjectNode node = NODES.objectNode();
          if (shape != 1) {
            node.put("op", o);
          }
          if (shape != 2) {
            node.put("path", p);
          }
          if (shape == 3 || o.equals("move") || o.equals("copy")) {
            node.put("from", from);
          }
          if (shape != 4) {
            node.set("value", v);
          }
          return shape == 7 ? v : node;
        });
    Arbitrary<String> wellFormed = operation.list().ofMaxSize(4).map(ops -> {
      ArrayNode array = NODES.arrayNode();
      ops.forEach(array::add);
      return array.toString();
    });
    return Arbitraries.oneOf(wellFormed, wellFormed, wellFormed, garbage());
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.of("$metadata", "$dtId", "$etag", "name", "temperature", "floor", "thermostat", "colour",
            "$targetId", "$relationshipName", "since", "$sourceId"),
        Arbitraries.strings().ofMaxLength(8));
    Arbitrary<List<Object[]>> edits = Combinators.combine(key, values(), Arbitraries.of(true, false))
        .as((k, v, remove) -> new Object[] {k, v, remove}).list().ofMaxSize(4);
    Arbitrary<String> base = Arbitraries.of(Fixtures.room("fuzz", 20), Fixtures.device("x"),
        "{\"$targetId\":\"dev-1\",\"$relationshipName\":\"contains\",\"since\":\"2024-01-01\"}",
        "{\"$metadata\":{\"$model\":\"dtmi:test:Room;1\"}}");
    Arbitrary<String> mutated = Combinators.combine(base, edits).as((text, list) -> {
      ObjectNode node = (ObjectNode) parse(text);
      for (Object[] edit : list) {
        if ((Boolean) edit[2]) {
          node.remove((String) edit[0]);
        } else {
          node.set((String) edit[0], (JsonNode) edit[1]);
        }
      }
      return node.toString();
    });
    return Arbitraries.oneOf(mutated, mutated, mutated, garbage());
  }

  private static Arbitrary<JsonNode> values() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
        Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
        Arbitraries.strings().ofMaxLength(10).map(s -> (JsonNode) NODES.textNode(s)),
        Arbitraries.of(NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(),
            parse("{\"$metadata\":{}}"), parse("{\"$metadata\":{},\"setPoint\":1.5}"),
            parse("{\"$model\":\"dtmi:test:Device;1\"}"), NODES.textNode("dev-1"), NODES.textNode("2024-02-30"),
            NODES.numberNode(Long.MAX_VALUE), parse("1e400")));
  }

  private static Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.of("", "null", "[]", "{}", "[[]]", "[null]", "\"x\"", "{\"a\":", "[{\"op\":\"add\"}", "1",
            "{\"$metadata\":null}", "[{\"op\":\"add\",\"path\":\"/temperature\",\"value\":1e999999}]"));
  }

  private static JsonNode parse(String text) {
    try {
      return Http.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
