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

/** Mutated DTDL batches never produce a 5xx, and a rejected batch adds no model. */
class ModelFuzzPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static DoppelServer server;
  private static Http http;

  @BeforeContainer
  static void start() {
    server = DoppelServer.start(ServerConfig.ephemeral());
    http = new Http(server.baseUri());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Property(tries = 150)
  void mutatedModelBatchesNeverFailTheServerNorAddHalfABatch(@ForAll("batches") String batch) {
    int before = http.get("/models").json().path("value").size();
    Http.Response response = http.post("/models", batch);
    assertThat(response.status()).as(batch + " -> " + response.text()).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.errorCode()).isNotBlank();
      assertThat(http.get("/models").json().path("value").size()).as(batch).isEqualTo(before);
    } else {
      // keep the catalogue small and the ids reusable: delete what was added (dependents first)
      List<JsonNode> added = response.json().valueStream().toList();
      for (int round = 0; round < added.size(); round++) {
        for (JsonNode model : added) {
          http.delete("/models/" + Http.enc(model.path("id").asText()));
        }
      }
      assertThat(http.get("/models").json().path("value").size()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<String> batches() {
    Arbitrary<String> key = Arbitraries.of("@id", "@type", "@context", "contents", "extends", "schema", "name",
        "displayName", "target", "comment", "writable", "maxMultiplicity", "fields", "enumValues", "valueSchema");
    Arbitrary<JsonNode> value = Arbitraries.oneOf(
        Arbitraries.of(NODES.textNode("dtmi:fz:A;1"), NODES.textNode("dtmi:fz:B;1"), NODES.textNode("Interface"),
            NODES.textNode("Property"), NODES.textNode("Relationship"), NODES.textNode("Component"),
            NODES.textNode("Telemetry"), NODES.textNode("Enum"), NODES.textNode("Object"),
            NODES.textNode("double"), NODES.textNode("dtmi:dtdl:context;3"), NODES.textNode("dtmi:dtdl:context;2"),
            NODES.textNode("not a dtmi"), NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(1e9),
            NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(), array(NODES.textNode("dtmi:fz:A;1")),
            array(NODES.objectNode().put("@type", "Property").put("name", "p").put("schema", "double"))),
        Arbitraries.strings().ofMaxLength(8).map(s -> (JsonNode) NODES.textNode(s)));
    Arbitrary<List<Object[]>> edits = Combinators.combine(key, value, Arbitraries.integers().between(0, 3))
        .as((k, v, where) -> new Object[] {k, v, where}).list().ofMaxSize(3);
    return Combinators.combine(edits, Arbitraries.integers().between(1, 2)).as((list, count) -> {
      ArrayNode batch = NODES.arrayNode();
      for (int i = 0; i < count; i++) {
        batch.add(base(i == 0 ? "dtmi:fz:A;1" : "dtmi:fz:B;1", i == 1));
      }
      for (Object[] edit : list) {
        ObjectNode target = (ObjectNode) batch.get(Math.min((Integer) edit[2] % 2, batch.size() - 1));
        if ((Integer) edit[2] == 3 && target.path("contents").size() > 0) {
          target = (ObjectNode) target.path("contents").get(0);
        }
        target.set((String) edit[0], (JsonNode) edit[1]);
      }
      return batch.toString();
    });
  }

  private static ObjectNode base(String id, boolean extendsA) {
    ObjectNode model = NODES.objectNode()
        .put("@context", "dtmi:dtdl:context;3").put("@id", id).put("@type", "Interface");
    if (extendsA) {
      model.put("extends", "dtmi:fz:A;1");
    }
    ArrayNode contents = model.putArray("contents");
    contents.addObject().put("@type", "Property").put("name", "temperature").put("schema", "double");
    contents.addObject().put("@type", "Relationship").put("name", "feeds").put("target", "dtmi:fz:A;1");
    return model;
  }

  private static ArrayNode array(JsonNode item) {
    ArrayNode array = NODES.arrayNode();
    array.add(item);
    return array;
  }
}
