package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.query.syntax.Parser;
import io.doppel.query.syntax.Query;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code AS OF '<time>'} reads the graph the past source gives for that time, on every page. */
class AsOfTest {
  private static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");

  private final MemoryGraph now = MemoryGraph.builder(Buildings.models()).build();
  private final MemoryGraph then = Buildings.graph();
  private final List<Instant> asked = new ArrayList<>();
  private final QueryService queries = new QueryService(now::open, time -> {
    asked.add(time);
    return then.open();
  });

  @Test
  void parsesTheClauseAtTheEndOfAnyQueryShape() {
    assertThat(Parser.parse("SELECT * FROM DIGITALTWINS AS OF '2026-01-01T00:00:00Z'").asOf())
        .extracting(Query.AsOf::time).isEqualTo(THEN);
    assertThat(Parser.parse("SELECT T FROM DIGITALTWINS T WHERE T.x = 1 as of '2026-01-01T01:00:00+01:00'").asOf())
        .extracting(Query.AsOf::time).isEqualTo(THEN);
    Query join = Parser.parse("SELECT F FROM DIGITALTWINS B JOIN F RELATED B.contains AS OF '2026-01-01T00:00:00Z'");
    assertThat(join.asOf()).isNotNull();
    assertThat(join.from()).isInstanceOfSatisfying(Query.From.Twins.class,
        f -> assertThat(f.joins().get(0).relationshipAlias()).isNull());
    assertThat(Parser.parse("SELECT * FROM DIGITALTWINS AS OF_").asOf()).isNull(); // an alias named OF_ is no clause
    assertThat(Parser.parse("SELECT * FROM DIGITALTWINS").asOf()).isNull();
  }

  @Test
  void aBadTimeIsRefusedAtItsPosition() {
    assertThatThrownBy(() -> Parser.parse("SELECT * FROM DIGITALTWINS AS OF 'yesterday'"))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.QUERY_INVALID);
          assertThat(e.details().get(0).code()).isEqualTo("invalidAsOf");
          assertThat(e.details().get(0).target()).isEqualTo("1:34");
        });
    assertThatThrownBy(() -> Parser.parse("SELECT * FROM DIGITALTWINS AS OF 2026"))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.getMessage()).contains("a time in quotes"));
  }

  @Test
  void anAsOfBeforeTheOtherClausesIsRefusedAsNotLast() {
    assertThatThrownBy(() -> Parser.parse(
        "SELECT T FROM DIGITALTWINS T AS OF '2026-01-01T00:00:00Z' WHERE T.$dtId = 'x'"))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.QUERY_INVALID);
          assertThat(e.details().get(0).code()).isEqualTo("asOfNotLast");
          assertThat(e.details().get(0).target()).isEqualTo("1:30");
          assertThat(e.getMessage()).contains("AS OF must come last").contains("found 'WHERE'");
        });
    assertThatThrownBy(() -> Parser.parse(
        "SELECT COUNT() FROM DIGITALTWINS T WHERE T.a = 1 AS OF '2026-01-01T00:00:00Z' GROUP BY T.b"))
        .isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.details().get(0).code()).isEqualTo("asOfNotLast"));
  }

  @Test
  void everyPageReadsThePastGraph() {
    String query = "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Space;1') AS OF '2026-01-01T00:00:00Z'";
    List<String> ids = new ArrayList<>();
    QueryPage page = queries.run(query, null, 3);
    page.value().forEach(r -> ids.add(r.get("$dtId").asText()));
    while (page.continuationToken() != null) {
      queries.close(); // drop the lease: the next page rebuilds the past graph from the token's text
      page = queries.run(null, page.continuationToken(), 3);
      page.value().forEach(r -> ids.add(r.get("$dtId").asText()));
    }
    assertThat(ids).containsExactlyInAnyOrder("b1", "floor-1", "floor-2", "room-11", "room-12", "room-21", "room-22",
        "room-23");
    assertThat(asked).hasSizeGreaterThan(1).containsOnly(THEN);
    assertThat(queries.run("SELECT * FROM DIGITALTWINS", null, 10).value()).isEmpty();
    assertThat(queries.explain(query).path("execution").path("rowsReturned").asLong()).isEqualTo(8);
  }

  @Test
  void withoutAChangeHistoryTheClauseIsRefused() {
    QueryService plain = new QueryService(now::open);
    assertThatThrownBy(() -> plain.run("SELECT * FROM DIGITALTWINS AS OF '2026-01-01T00:00:00Z'", null, 10))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
