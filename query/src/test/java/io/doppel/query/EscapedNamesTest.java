package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names escaped as [[name]]: reserved words and map keys starting with a digit, as ADT's docs use them. */
class EscapedNamesTest {
  private static MemoryGraph graph() {
    return MemoryGraph.builder(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Team;1", "@type": "Interface",
         "contents": [{"@type": "Relationship", "name": "order"}]}"""))
        .twin("t1", "dtmi:test:Team;1", "{\"Group\": \"BravoTeam\", \"min\": 3, \"map\": {\"1abc\": \"x\", \"k\": 1}}")
        .twin("t2", "dtmi:test:Team;1", "{\"Group\": \"AlphaTeam\", \"min\": 5, \"map\": {\"1abc\": \"y\"}}")
        .rel("t1", "t1-t2", "order", "t2", "{\"Count\": 2}")
        .build();
  }

  private final QueryService queries = new QueryService(graph()::open);

  private List<JsonNode> rows(String query) {
    return queries.run(query, null, 100).value();
  }

  @Test
  void filtersOnAPropertyNamedByAReservedWord() {
    assertThat(rows("SELECT * FROM DIGITALTWINS WHERE [[Group]] = 'BravoTeam'"))
        .extracting(r -> r.get("$dtId").asText()).containsExactly("t1");
    assertThat(rows("SELECT T.$dtId FROM DIGITALTWINS T WHERE T.[[min]] > 4"))
        .extracting(JsonNode::toString).containsExactly("{\"$dtId\":\"t2\"}");
  }

  @Test
  void readsMapKeysThatStartWithADigit() {
    assertThat(rows("SELECT T.map.[[1abc]] AS v FROM DIGITALTWINS T WHERE T.map.[[1abc]] = 'y'"))
        .extracting(JsonNode::toString).containsExactly("{\"v\":\"y\"}");
  }

  @Test
  void escapesReservedWordsAsAliasesColumnsAndRelationshipNames() {
    assertThat(rows("SELECT [[Group]], [[Select]].[[min]] AS [[ORDER]] FROM DIGITALTWINS [[Select]] "
        + "WHERE [[Select]].$dtId = 't2'")).extracting(JsonNode::toString)
        .containsExactly("{\"Group\":\"AlphaTeam\",\"ORDER\":5}");
    assertThat(rows("SELECT b.$dtId AS [[to]], r.[[Count]] AS n FROM DIGITALTWINS a JOIN b RELATED a.[[order]] r "
        + "WHERE a.$dtId = 't1'")).extracting(JsonNode::toString).containsExactly("{\"to\":\"t2\",\"n\":2}");
    assertThat(rows("SELECT [[by]].$dtId FROM DIGITALTWINS MATCH (a)-[:[[order]]]->([[by]]) WHERE a.$dtId = 't1'"))
        .extracting(JsonNode::toString).containsExactly("{\"$dtId\":\"t2\"}");
  }
}
