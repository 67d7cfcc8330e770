package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Replays the curl examples of {@code docs/rules.md} and checks the answers have the shape the page shows. */
class RulesDocsExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "rules.md");
  /** The models the page's example assumes: a floor with an average, containing rooms. */
  private static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:ex:Room;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"temperature","schema":"double","writable":true}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:ex:Floor;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"averageTemperature","schema":"double","writable":true},
                    {"@type":"Relationship","name":"contains","target":"dtmi:ex:Room;1"}]}]
      """;

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theRulesPageExamplesGetTheAnswersItShows() throws Exception {
    String page = Files.readString(PAGE);
    Matcher put = Pattern.compile("curl -X PUT localhost:8080(/rules/[^ ]+) -H 'Content-Type: application/json' "
        + "-d '([^']+)'").matcher(page);
    assertThat(put.find()).isTrue();
    Matcher answers = Pattern.compile("```json\n(\\{.*?})\n```", Pattern.DOTALL).matcher(page);
    assertThat(answers.find()).isTrue();
    JsonNode documentedRule = Http.MAPPER.readTree(answers.group(1));
    assertThat(answers.find()).isTrue();
    JsonNode documentedAlerts = Http.MAPPER.readTree(answers.group(1));
    Matcher alerts = Pattern.compile("curl 'localhost:8080(/alerts\\?[^']+)'").matcher(page);
    assertThat(alerts.find()).isTrue();

    TestServer.test((server, http) -> {
      assertThat(http.post("/models", MODELS).status()).isEqualTo(201);
      http.put("/digitaltwins/floor-1", "{\"$metadata\":{\"$model\":\"dtmi:ex:Floor;1\"}}");
      http.put("/digitaltwins/room-7", "{\"$metadata\":{\"$model\":\"dtmi:ex:Room;1\"},\"temperature\":35}");
      http.put("/digitaltwins/floor-1/relationships/c7", "{\"$relationshipName\":\"contains\",\"$targetId\":\"room-7\"}");

      Http.Response defined = http.put(put.group(1), put.group(2));
      assertThat(defined.status()).as(defined.text()).isEqualTo(200);
      assertThat(names(defined.json())).isEqualTo(names(documentedRule));
      assertThat(names(defined.json().path("stats"))).isEqualTo(names(documentedRule.path("stats")));
      for (String same : List.of("id", "kind", "model", "target", "expression")) {
        assertThat(defined.json().path(same)).as(same).isEqualTo(documentedRule.path(same));
      }
      await().untilAsserted(() -> assertThat(http.get("/digitaltwins/floor-1").json().path("averageTemperature")
          .asDouble()).isEqualTo(35));

      http.put("/rules/overheat", """
          {"kind":"alert","model":"dtmi:ex:Room;1","condition":"temperature > 30","clear":"temperature < 28",
           "severity":"critical"}""");
      await().untilAsserted(() -> assertThat(http.get(alerts.group(1)).json().path("value")).hasSize(1));
      JsonNode alert = http.get(alerts.group(1)).json().path("value").get(0);
      JsonNode documented = documentedAlerts.path("value").get(0);
      assertThat(names(alert)).isEqualTo(names(documented));
      for (String same : List.of("rule", "twin", "state", "severity")) {
        assertThat(alert.path(same)).as(same).isEqualTo(documented.path(same));
      }
    });
  }
}
