package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;

/**
 * Runs a query the way the HTTP route does (first page, then every continuation, then EXPLAIN) over the test
 * graph and checks the invariants of every outcome: rows, or a DoppelException with a query error code and, for
 * QUERY_INVALID, a position; no snapshot left open.
 */
final class QueryRunner {
  private final MemoryGraph graph = Buildings.graph();
  private final QueryService queries = new QueryService(graph::open,
      QueryLimits.defaults().withWorkBudgetPerPage(2_000).withMaxGroups(5), Clock.systemUTC());

  /** The rows across all pages, or -1 when refused. */
  record Outcome(String label, int rows) {}

  Outcome run(String query) {
    Outcome outcome;
    try {
      QueryPage page = queries.run(query, null, 3);
      int rows = page.value().size();
      int pages = 1;
      while (page.continuationToken() != null) {
        page = queries.run(query, page.continuationToken(), 3);
        rows += page.value().size();
        assertThat(++pages).as("pages of %s", query).isLessThan(200);
      }
      outcome = new Outcome("rows", rows);
    } catch (DoppelException refused) {
      outcome = new Outcome(check(refused, query), -1);
    }
    try {
      queries.explain(query);
    } catch (DoppelException refused) {
      check(refused, query);
    }
    assertThat(graph.openViews()).as("snapshots left open by %s", query).isZero();
    return outcome;
  }

  /** The number a SELECT COUNT() query answers. */
  long count(String countQuery) {
    return queries.run(countQuery, null, 10).value().get(0).path("COUNT").asLong();
  }

  private static String check(DoppelException refused, String query) {
    assertThat(refused.code()).as("%s: %s", query, refused.getMessage())
        .isIn(ErrorCode.QUERY_INVALID, ErrorCode.QUERY_TOO_EXPENSIVE);
    assertThat(refused.details()).as("%s: %s", query, refused.getMessage()).isNotEmpty();
    if (refused.code() == ErrorCode.QUERY_INVALID) {
      assertThat(refused.getMessage()).as(query).containsPattern("at line \\d+, column \\d+");
    }
    return refused.code() + "/" + refused.details().get(0).code();
  }
}
