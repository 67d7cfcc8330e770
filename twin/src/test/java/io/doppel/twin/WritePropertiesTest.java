package io.doppel.twin;

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

/**
 * Random and mutated patches and bodies: the engine either accepts them or refuses with a DoppelException, never
 * anything else, and a refusal leaves the twin, the twin count and the version exactly as they were.
 */
class WritePropertiesTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> PATHS = List.of("", "/", "/temperature", "/name", "/occupancy", "/address",
      "/address/city", "/address/zip", "/tags", "/tags/k", "/readings", "/readings/0", "/readings/-", "/status",
      "/thermostat", "/thermostat/setpoint", "/thermostat/$metadata", "/humidity", "/contains", "/$metadata",
      "/$metadata/$model", "/$dtId", "/$etag", "/unknown", "/location", "/location/coordinates/0", "/a~1b", "/~x");
  private static TwinEngine engine;

  @BeforeContainer
  static void open() {
    engine = TwinEngine.inMemory();
    engine.addModels(Fixtures.models());
    engine.putTwin("room", Fixtures.room(20), Precondition.none());
  }

  @AfterContainer
  static void close() {
    engine.close();
  }

  @Property(tries = 400)
  void patchesNeverFailUnexpectedlyNorPartially(@ForAll("patches") ArrayNode patch) {
    TwinView before = engine.getTwin("room");
    long version = engine.version();
    try {
      TwinView after = engine.patchTwin("room", patch, Precondition.none());
      assertThat(engine.getTwin("room")).isEqualTo(after);
      assertThat(after.version()).isEqualTo(engine.version()).isGreaterThan(version);
    } catch (DoppelException refused) {
      assertThat(engine.getTwin("room")).isEqualTo(before);
      assertThat(engine.version()).isEqualTo(version);
    }
    assertThat(engine.twinCount()).isEqualTo(1);
  }

  @Property(tries = 300)
  void bodiesNeverFailUnexpectedlyNorPartially(@ForAll("bodies") ObjectNode body) {
    TwinView before = engine.getTwin("room");
    long version = engine.version();
    try {
      TwinView after = engine.putTwin("room", body, Precondition.none());
      assertThat(engine.getTwin("room")).isEqualTo(after);
    } catch (DoppelException refused) {
      assertThat(engine.getTwin("room")).isEqualTo(before);
      assertThat(engine.version()).isEqualTo(version);
    }
  }

  @Property(tries = 200)
  void relationshipBodiesNeverFailUnexpectedly(@ForAll("relationshipBodies") ObjectNode body) {
    long version = engine.version();
    try {
      engine.putRelationship("room", "rel", body, Precondition.none());
      engine.deleteRelationship("room", "rel", Precondition.none());
    } catch (DoppelException refused) {
      assertThat(engine.version()).isEqualTo(version);
    }
  }

  @Provide
  Arbitrary<ArrayNode> patches() {
    Arbitrary<JsonNode> op = Combinators.combine(
        Arbitraries.of("add", "remove", "replace", "move", "copy", "test", "bogus"),
        Arbitraries.of(PATHS), Arbitraries.of(PATHS), values(), Arbitraries.integers().between(0, 9))
        .as((name, path, from, value, shape) -> {
          ObjectNode o = F.objectNode();
          if (shape != 0) {
            o.put("op", name);
          }
          if (shape != 1) {
            o.put("path", path);
          }
          if (shape < 5) {
            o.put("from", from);
          }
          if (shape != 2) {
            o.set("value", value);
          }
          return shape == 9 ? F.textNode(name) : o;
        });
    return op.list().ofMaxSize(4).map(ops -> {
      ArrayNode array = F.arrayNode();
      ops.forEach(array::add);
      return array;
    });
  }

  @Provide
  Arbitrary<ObjectNode> bodies() {
    Arbitrary<String> keys = Arbitraries.of("temperature", "name", "occupancy", "address", "tags", "readings",
        "status", "thermostat", "humidity", "reboot", "contains", "$dtId", "$etag", "$metadata", "$other", "x");
    return Combinators.combine(keys.list().ofMaxSize(5), values().list().ofSize(5), Arbitraries.integers()
        .between(0, 3)).as((names, vals, base) -> {
          ObjectNode body = base == 0 ? F.objectNode() : Fixtures.room(1);
          for (int i = 0; i < names.size(); i++) {
            body.set(names.get(i), vals.get(i));
          }
          return body;
        });
  }

  @Provide
  Arbitrary<ObjectNode> relationshipBodies() {
    Arbitrary<String> keys = Arbitraries.of("$relationshipName", "$targetId", "$sourceId", "$relationshipId",
        "since", "other", "$x");
    return Combinators.combine(keys.list().ofMaxSize(4), values().list().ofSize(4)).as((names, vals) -> {
      ObjectNode body = Fixtures.relationship("near", "room");
      for (int i = 0; i < names.size(); i++) {
        body.set(names.get(i), vals.get(i));
      }
      return body;
    });
  }

  private static Arbitrary<JsonNode> values() {
    Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
        Arbitraries.longs().map(l -> (JsonNode) F.numberNode(l)),
        Arbitraries.doubles().map(d -> (JsonNode) F.numberNode(d)),
        Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) F.textNode(s)),
        Arbitraries.of("open", "closed", "2024-01-01", "2024-01-01T00:00:00Z", "PT1M", "12:00:00",
            "dtmi:test:Room;1", "dtmi:test:Device;1", "room", "near", "contains").map(s -> (JsonNode) F.textNode(s)),
        Arbitraries.of((JsonNode) F.booleanNode(true), F.nullNode(), F.objectNode(), F.arrayNode()),
        Arbitraries.of((JsonNode) Fixtures.json("{\"$metadata\":{}}"),
            Fixtures.json("{\"$metadata\":{},\"setpoint\":1}"), Fixtures.json("{\"city\":\"x\",\"zip\":1}"),
            Fixtures.json("{\"type\":\"Point\",\"coordinates\":[1,2]}"), Fixtures.json("{\"k\":\"v\"}")));
    return Arbitraries.oneOf(scalars, scalars.list().ofMaxSize(3).map(l -> {
      ArrayNode a = F.arrayNode();
      l.forEach(a::add);
      return (JsonNode) a;
    }));
  }
}
