package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.DoppelException;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated queries: every outcome is a page of results or a {@link DoppelException}, never another
 * exception, and the work budget bounds every page (a small budget here, so explosive queries hit it).
 */
class QueryFuzzTest {
  private static final List<String> SEEDS = List.of(
      "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Room;1') AND temperature > 25",
      "SELECT TOP(10) T.$dtId, T.name FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'pump-') AND T.status IN ['fault', 'warn']",
      "SELECT COUNT() FROM DIGITALTWINS WHERE IS_DEFINED(serialNumber)",
      "SELECT floor, room FROM DIGITALTWINS floor JOIN room RELATED floor.contains WHERE floor.$dtId = 'floor-2'",
      "SELECT building, sensor FROM DIGITALTWINS MATCH (building)-[:contains*..3]->(sensor) WHERE building.$dtId = 'b1'",
      "SELECT * FROM RELATIONSHIPS R WHERE R.$relationshipName = 'calls' AND R.latencyMs > 200",
      "SELECT a, b FROM DIGITALTWINS MATCH (a)-[r:calls|contains]-(b)<-[*2..4]-(c) WHERE NOT (a.x != 1 OR b.y NIN [1, 'a', true, null])",
      "SELECT f.$dtId AS f, AVG(r.temperature), MIN(r.name) AS m FROM DIGITALTWINS f JOIN r RELATED f.contains GROUP BY f.$dtId",
      "EXPLAIN SELECT COUNT() FROM DIGITALTWINS T WHERE T.$metadata.$model = 'x' AND ARRAY_CONTAINS(T.tags, 'lab')");

  private static final List<String> TOKENS = List.of("SELECT", "FROM", "WHERE", "DIGITALTWINS", "RELATIONSHIPS",
      "JOIN", "RELATED", "MATCH", "AND", "OR", "NOT", "IN", "NIN", "TOP", "COUNT", "GROUP", "BY", "AS", "EXPLAIN",
      "*", "(", ")", "[", "]", ",", ".", "..", ":", "|", "-", "->", "<-", "=", "!=", "<", "<=", ">", ">=", "<>",
      "T", "R", "a", "b", "$dtId", "$metadata", "$model", "temperature", "status", "contains", "calls", "exact",
      "'pump-'", "'dtmi:com:example:Room;1'", "\"x\"", "0", "1", "25", "-3.5", "1e9", "99999999999999999999",
      "true", "false", "null", "IS_OF_MODEL", "IS_DEFINED", "STARTSWITH", "IS_NULL", "ARRAY_CONTAINS", "AVG", "SUM",
      "*..10", "*3", "'", "\\", "--", "\n", "\u00e9", "\u0000");

  private final MemoryGraph graph = Buildings.graph();
  private final QueryService queries = new QueryService(graph::open,
      QueryLimits.defaults().withWorkBudgetPerPage(2_000).withMaxGroups(5), Clock.systemUTC());

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, 200);
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 12);
    Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(3));
    return Combinators.combine(seed, at, length, insert).as((s, i, n, ins) -> {
      int from = Math.min(i, s.length());
      int to = Math.min(from + n, s.length());
      return s.substring(0, from) + ins + s.substring(to);
    });
  }

  @Provide
  Arbitrary<String> randomText() {
    return Arbitraries.strings().all().ofMaxLength(120);
  }

  @Property(tries = 400)
  void tokenSoupGivesResultsOrDoppelExceptions(@ForAll("tokenSoup") String query) {
    runBounded(query);
  }

  @Property(tries = 600)
  void mutatedQueriesGiveResultsOrDoppelExceptions(@ForAll("mutated") String query) {
    runBounded(query);
  }

  @Property(tries = 300)
  void randomTextGivesResultsOrDoppelExceptions(@ForAll("randomText") String query) {
    runBounded(query);
  }

  private void runBounded(String query) {
    try {
      QueryPage page = queries.run(query, null, 3);
      int pages = 1;
      while (page.continuationToken() != null) {
        page = queries.run(query, page.continuationToken(), 3);
        pages++;
        assertThat(pages).as("pages of %s", query).isLessThan(200);
      }
    } catch (DoppelException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      queries.explain(query);
    } catch (DoppelException expected) {
      assertThat(expected.code()).isNotNull();
    }
    assertThat(graph.openViews()).as("snapshots left open by %s", query).isZero();
  }
}
