package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.Show;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grammar-aware queries: every generated query is valid, so it must give rows (or hit the work budget), and its
 * rows across all pages must number what SELECT COUNT() over the same FROM and WHERE says. Nesting, long operator
 * chains and long literals past the limits must be refused with a position, not overflow the stack.
 */
@Tag("fuzz")
class QueryPropertyFuzzTest {
  private final QueryRunner runner = new QueryRunner();

  @Test
  void generatedQueriesRunAndTheirRowsMatchTheirCount() {
    FuzzReport report = Fuzzer.named("query-generated", 600).values(RandomQueries::next, generated -> {
      QueryRunner.Outcome rows = runner.run(generated.query());
      QueryRunner.Outcome count = runner.run(generated.count());
      assertThat(rows.label()).as(generated.query()).isIn("rows", "QUERY_TOO_EXPENSIVE/workBudgetExceeded");
      if (rows.rows() >= 0 && count.rows() == 1) {
        assertThat(runner.count(generated.count())).as(generated.query()).isEqualTo(rows.rows());
      }
      return rows.label() + (rows.rows() > 0 ? "+" : "");
    }, generated -> Show.text(generated.query()));
    assertThat(report.count("rows+")).as(report.line()).isGreaterThan(report.inputs() / 5);
  }

  @Test
  void nestingAndChainsPastTheLimitsAreRefusedWithAPosition() {
    Fuzzer.named("query-deep", 150).text(random -> {
      int n = 1 + random.nextInt(20_000);
      return switch (random.nextInt(6)) {
        case 0 -> "SELECT * FROM DIGITALTWINS T WHERE " + "(".repeat(n) + "T.level = 1" + ")".repeat(n);
        case 1 -> "SELECT * FROM DIGITALTWINS T WHERE " + "NOT ".repeat(n) + "T.level = 1";
        case 2 -> "SELECT * FROM DIGITALTWINS T WHERE T.level = 1" + " AND T.level = 1".repeat(n % 200);
        case 3 -> "SELECT * FROM DIGITALTWINS T WHERE T.level IN [" + "[".repeat(n) + "1" + "]".repeat(n) + "]";
        case 4 -> "SELECT * FROM DIGITALTWINS T WHERE T.name = '" + "x".repeat(n * 10) + "'";
        default -> "SELECT * FROM DIGITALTWINS T WHERE T" + ".a".repeat(n) + " = 1";
      };
    }, query -> runner.run(query).label());
  }
}
