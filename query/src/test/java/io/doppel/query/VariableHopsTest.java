package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Variable-hop MATCH over a graph where shortest distances mislead: a diamond (d is 2 hops from s by two paths), a
 * shortcut (e is 1 hop from s, and 3 through the diamond) and a cycle c1 -> c2 -> c3 -> c1.
 *
 * <pre>
 * s -> a -> d -> e -> c1 -> c2 -> c3 -> c1
 * s -> b -> d
 * s -> e
 * </pre>
 */
class VariableHopsTest {
  private static final String NODE = "dtmi:test:Node;1";

  private static MemoryGraph graph() {
    MemoryGraph.Builder b = MemoryGraph.builder(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Node;1", "@type": "Interface",
         "contents": [{"@type": "Relationship", "name": "link"}]}"""));
    for (String id : List.of("s", "a", "b", "d", "e", "c1", "c2", "c3")) {
      b.twin(id, NODE, "{}");
    }
    String[][] links = {{"s", "a"}, {"s", "b"}, {"a", "d"}, {"b", "d"}, {"d", "e"}, {"s", "e"}, {"e", "c1"},
        {"c1", "c2"}, {"c2", "c3"}, {"c3", "c1"}};
    for (String[] l : links) {
      b.rel(l[0], l[0] + "-" + l[1], "link", l[1], "");
    }
    return b.build();
  }

  private final QueryService queries = new QueryService(graph()::open);

  private List<String> ends(String pattern, String start) {
    List<String> out = new ArrayList<>();
    String query = "SELECT y.$dtId FROM DIGITALTWINS MATCH (x)" + pattern + "(y) WHERE x.$dtId = '" + start + "'";
    QueryPage page = queries.run(query, null, 2);
    page.value().forEach(r -> out.add(r.get("$dtId").asText()));
    while (page.continuationToken() != null) {
      page = queries.run(query, page.continuationToken(), 2);
      page.value().forEach(r -> out.add(r.get("$dtId").asText()));
    }
    return out;
  }

  @Test
  void reportsATwinReachedByALongerPathEvenWhenAShorterOneExists() {
    // e is 1 hop from s, but also exactly 3 (s-a-d-e, s-b-d-e): *3 means paths of exactly 3 hops
    assertThat(ends("-[:link*3]->", "s")).containsExactly("e", "c2");
    assertThat(ends("-[:link*2..4]->", "s")).containsExactly("e", "c2", "c1", "c3");
    assertThat(ends("-[:link*..2]->", "s")).containsExactly("a", "b", "e", "d", "c1");
  }

  @Test
  void reportsEachEndOnceHoweverManyPathsLeadThere() {
    assertThat(ends("-[:link*2]->", "s")).containsExactly("d", "c1");
    JsonNode count = queries.run("SELECT COUNT() FROM DIGITALTWINS MATCH (x)-[:link*2]->(y) WHERE x.$dtId = 's'",
        null, 10).value().get(0);
    assertThat(count.get("COUNT").asInt()).isEqualTo(2);
  }

  @Test
  void followsACycleBackToItsStartButUsesEachRelationshipOnlyOnce() {
    assertThat(ends("-[:link*3]->", "c1")).containsExactly("c1");
    // c1-c2, c2-c3, c3-c1 and then c1-c2 again: a fourth hop would reuse a relationship, so there is none
    assertThat(ends("-[:link*..10]->", "c1")).containsExactly("c2", "c3", "c1");
    assertThat(ends("-[:link*4]->", "c1")).isEmpty();
  }

  @Test
  void neverGoesBackOverTheRelationshipItCameBy() {
    // undirected: a-d-e, a-d-b, a-s-b, a-s-e; a-s-a would cross s->a twice, a-d-a would cross a->d twice
    assertThat(ends("-[:link*2]-", "a")).containsExactly("e", "b");
    assertThat(ends("-[*2]-", "d")).containsExactly("c1", "s");
  }

  @Test
  void matchesBothEndsBoundByDtIdOncePerPair() {
    List<JsonNode> rows = queries.run("SELECT x.$dtId AS x, y.$dtId AS y FROM DIGITALTWINS MATCH (x)-[:link*..3]->(y) "
        + "WHERE x.$dtId = 's' AND y.$dtId = 'e'", null, 10).value();
    assertThat(rows).extracting(JsonNode::toString).containsExactly("{\"x\":\"s\",\"y\":\"e\"}");
  }

  @Test
  void resumesAWalkMidwayOnAFreshSnapshotInTheSameOrder() {
    MemoryGraph g = graph();
    String query = "SELECT y.$dtId FROM DIGITALTWINS MATCH (x)-[:link*2..4]->(y) WHERE x.$dtId = 's'";
    try (QueryService before = new QueryService(g::open); QueryService after = new QueryService(g::open)) {
      QueryPage first = before.run(query, null, 3);
      assertThat(first.value()).extracting(r -> r.get("$dtId").asText()).containsExactly("e", "c2", "c1");
      // another service instance holds no lease: it walks again from s and skips the rows already returned
      QueryPage rest = after.run(query, first.continuationToken(), 3);
      assertThat(rest.value()).extracting(r -> r.get("$dtId").asText()).containsExactly("c3");
      assertThat(rest.continuationToken()).isNull();
    }
    assertThat(g.openViews()).isZero();
  }

  @Test
  void stopsAWalkWhosePathsMultiplyWithTheWorkBudget() {
    MemoryGraph.Builder b = MemoryGraph.builder(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Node;1", "@type": "Interface",
         "contents": [{"@type": "Relationship", "name": "link"}]}"""));
    int n = 7;
    for (int i = 0; i < n; i++) {
      b.twin("k" + i, NODE, "{}");
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          b.rel("k" + i, "k" + i + "-" + j, "link", "k" + j, "");
        }
      }
    }
    MemoryGraph complete = b.build();
    QueryService tight = new QueryService(complete::open, QueryLimits.defaults().withWorkBudgetPerPage(100_000),
        Clock.systemUTC());
    // a complete graph of 7 twins has about 6^10 paths of 10 hops from each twin
    DoppelException e = catchThrowableOfType(DoppelException.class, () -> tight.run(
        "SELECT y FROM DIGITALTWINS MATCH (x)-[*10]->(y) WHERE x.$dtId = 'k0'", null, 100));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_TOO_EXPENSIVE);
    assertThat(e.details().get(0).code()).isEqualTo("workBudgetExceeded");
    assertThat(complete.openViews()).isZero();
    // short paths in the same graph are fine: every twin is 1 and 2 hops away
    JsonNode two = tight.run("SELECT COUNT() FROM DIGITALTWINS MATCH (x)-[*2]->(y) WHERE x.$dtId = 'k0'", null, 10)
        .value().get(0);
    assertThat(two.get("COUNT").asInt()).isEqualTo(n);
  }
}
