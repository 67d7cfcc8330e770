package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IS_OF_MODEL's versioning rule: a twin matches when its model, or one it extends, is the asked model at the same or
 * a higher version. Widget comes in versions 1, 2 and 4; Gadget;1 extends Widget;2 and Gizmo;1 extends Widget;4;
 * twin o3 names Widget;3, a model that is not loaded (deleted after the twin was made).
 */
class ModelVersionsTest {
  private static MemoryGraph graph() {
    List<String> models = new ArrayList<>();
    for (int v : new int[] {1, 2, 4}) {
      models.add("{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:test:Widget;" + v
          + "\", \"@type\": \"Interface\"}");
    }
    models.add("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Gadget;1", "@type": "Interface",
         "extends": "dtmi:test:Widget;2"}""");
    models.add("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Gizmo;1", "@type": "Interface",
         "extends": "dtmi:test:Widget;4"}""");
    models.add("{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:test:Thing;1\", \"@type\": \"Interface\"}");
    return MemoryGraph.builder(models)
        .twin("w1", "dtmi:test:Widget;1", "{}")
        .twin("w2", "dtmi:test:Widget;2", "{}")
        .twin("w4", "dtmi:test:Widget;4", "{}")
        .twin("g1", "dtmi:test:Gadget;1", "{}")
        .twin("z1", "dtmi:test:Gizmo;1", "{}")
        .twin("t1", "dtmi:test:Thing;1", "{}")
        .twin("o3", "dtmi:test:Widget;3", "{}")
        .build();
  }

  private final QueryService queries = new QueryService(graph()::open);

  private List<String> ids(String condition) {
    List<JsonNode> rows = queries.run("SELECT T.$dtId FROM DIGITALTWINS T WHERE " + condition, null, 100).value();
    return rows.stream().map(r -> r.get("$dtId").asText()).toList();
  }

  /** The same condition read through the model index and by a full scan that evaluates it on every twin. */
  private List<String> bothWays(String isOfModel) {
    List<String> indexed = ids(isOfModel);
    String scan = isOfModel + " OR T.$dtId = 'none'";
    assertThat(queries.explain("SELECT T FROM DIGITALTWINS T WHERE " + isOfModel).at("/start/access").asText())
        .isEqualTo("modelIndex");
    assertThat(queries.explain("SELECT T FROM DIGITALTWINS T WHERE " + scan).at("/start/access").asText())
        .isEqualTo("fullScan");
    assertThat(ids(scan)).as("scan of %s", isOfModel).isEqualTo(indexed);
    return indexed;
  }

  @Test
  void acceptsTheAskedVersionAndHigherOnesAndWhatExtendsThem() {
    assertThat(bothWays("IS_OF_MODEL('dtmi:test:Widget;2')")).containsExactly("g1", "w2", "w4", "z1");
    assertThat(bothWays("IS_OF_MODEL(T, 'dtmi:test:Widget;4')")).containsExactly("w4", "z1");
    assertThat(bothWays("IS_OF_MODEL('dtmi:test:Widget;1')")).containsExactly("g1", "w1", "w2", "w4", "z1");
    assertThat(bothWays("IS_OF_MODEL('dtmi:test:Widget;5')")).isEmpty();
    assertThat(queries.explain("SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL('dtmi:test:Widget;2')")
        .at("/start/modelsInIndex").asInt()).isEqualTo(4);
  }

  @Test
  void keepsExactToTheOneModelAsked() {
    assertThat(bothWays("IS_OF_MODEL('dtmi:test:Widget;2', exact)")).containsExactly("w2");
    assertThat(bothWays("IS_OF_MODEL(T, 'dtmi:test:Gadget;1', exact)")).containsExactly("g1");
  }

  @Test
  void matchesEveryVersionWhenTheAskedIdHasNone() {
    assertThat(bothWays("IS_OF_MODEL('dtmi:test:Widget')")).containsExactly("g1", "w1", "w2", "w4", "z1");
  }

  @Test
  void matchesATwinOfAModelNoLongerLoadedOnlyByItsOwnId() {
    // its version and ancestors are unknown without the model, so the model index could not find it otherwise
    assertThat(bothWays("IS_OF_MODEL('dtmi:test:Widget;3')")).containsExactly("o3", "w4", "z1");
    assertThat(ids("IS_OF_MODEL('dtmi:test:Widget;2')")).doesNotContain("o3");
  }
}
