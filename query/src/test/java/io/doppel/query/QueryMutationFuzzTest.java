package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.Mutator;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Mutated examples of docs/query.md: rows or a query error with a position, never anything else, never a hang. */
@Tag("fuzz")
class QueryMutationFuzzTest {
  private static final List<String> TOKENS = List.of("SELECT", "FROM", "WHERE", "DIGITALTWINS", "RELATIONSHIPS",
      "JOIN", "RELATED", "MATCH", "AND", "OR", "NOT", "IN", "NIN", "TOP", "COUNT()", "GROUP BY", "AS", "EXPLAIN",
      "*", "(", ")", "[", "]", ",", ".", "..", ":", "|", "-", "->", "<-", "=", "!=", "<", "<=", ">", ">=", "<>",
      "$dtId", "$metadata", "$model", "$relationshipName", "[[", "]]", "'", "''", "\"", "*..10", "*3", "-[", "]-",
      "IS_OF_MODEL(", "IS_DEFINED(", "STARTSWITH(", "ARRAY_CONTAINS(", "AVG(", "SUM(", "MIN(", "exact",
      "99999999999999999999", "1e400", "-0", "NaN", "\\", "--", "\n", "\u00e9", "\u0000");

  @Test
  void mutatedDocExamplesGiveRowsOrAPositionedError() throws IOException {
    List<String> seeds = DocsExamplesTest.examples().stream().map(DocsExamplesTest.Example::query).toList();
    QueryRunner runner = new QueryRunner();
    FuzzReport report = Fuzzer.named("query-mutation", 3_000).text(Mutator.ofText(seeds, TOKENS, 8_192)::nextText,
        query -> runner.run(query).label());
    assertThat(seeds).hasSizeGreaterThan(40);
    assertThat(report.count("rows")).as(report.line()).isGreaterThan(report.inputs() / 20);
  }
}
