package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import org.junit.jupiter.api.Test;

class QueryErrorsTest {
  private final QueryService queries = new QueryService(Buildings.graph()::open,
      QueryLimits.defaults().withWorkBudgetPerPage(200), java.time.Clock.systemUTC());

  private DoppelException error(String query) {
    DoppelException e = catchThrowableOfType(DoppelException.class, () -> queries.run(query, null, 10));
    assertThat(e).as(query).isNotNull();
    return e;
  }

  private void assertInvalid(String query, String code, String target, String messagePart) {
    DoppelException e = error(query);
    assertThat(e.code()).as(query).isEqualTo(ErrorCode.QUERY_INVALID);
    assertThat(e.details()).hasSize(1);
    assertThat(e.details().get(0).code()).as(query).isEqualTo(code);
    assertThat(e.details().get(0).target()).as(query).isEqualTo(target);
    assertThat(e.getMessage()).as(query).contains(messagePart);
  }

  @Test
  void reportsSyntaxErrorsWithLineColumnAndWhatWasExpected() {
    assertInvalid("SELECT * WHERE x = 1", "syntaxError", "1:10", "expected FROM, found 'WHERE'");
    assertInvalid("SELECT * FROM DIGITALTWINS\nWHERE temperature >", "syntaxError", "2:20",
        "expected a value, a property or a function, found the end of the query");
    assertInvalid("SELECT * FROM TWINS", "syntaxError", "1:15", "expected DIGITALTWINS or RELATIONSHIPS, found 'TWINS'");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE name = 'open", "syntaxError", "1:41", "unterminated string");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE a = 1 b", "syntaxError", "1:40", "found 'b'");
    assertInvalid("SELECT TOP(0) FROM DIGITALTWINS", "invalidTop", "1:12", "at least 1");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE a # 1", "syntaxError", "1:36", "unexpected character '#'");
    assertInvalid("", "syntaxError", "1:1", "expected SELECT, found the end of the query");
  }

  @Test
  void reportsUnknownFunctionsCollectionsAndTypeMismatches() {
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE FOO(name)", "unknownFunction", "1:34", "unknown function FOO()");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE STARTSWITH(name, 5)", "typeMismatch", "1:51",
        "STARTSWITH compares strings");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE name IN 'a'", "typeMismatch", "1:42", "IN needs a list");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE 5", "typeMismatch", "1:34", "expected a condition");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL(5)", "typeMismatch", "1:46", "model id");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('room')", "invalidModelId", "1:46", "not a DTMI");
    assertInvalid("SELECT * FROM DIGITALTWINS T WHERE T = 5", "typeMismatch", "1:36", "whole collection");
    assertInvalid("SELECT A, B FROM DIGITALTWINS A JOIN B RELATED C.contains", "unknownCollection", "1:33", "'C'");
    assertInvalid("SELECT A FROM DIGITALTWINS A JOIN B RELATED A.contains WHERE x = 1", "unknownCollection", "1:62",
        "name the one you mean");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE IS_DEFINED(a, b)", "wrongArgumentCount", "1:34", "takes 1 argument");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE COUNT() > 1", "aggregateNotAllowed", "1:34", "only allowed in SELECT");
  }

  @Test
  void enforcesAdtLimitsOnJoinsHopsAndSelectStar() {
    assertInvalid("SELECT A FROM DIGITALTWINS A JOIN B RELATED A.r JOIN C RELATED B.r JOIN D RELATED C.r "
        + "JOIN E RELATED D.r JOIN F RELATED E.r JOIN G RELATED F.r WHERE A.$dtId = 'x'", "tooManyJoins", "1:125",
        "at most 5 JOINs");
    assertInvalid("SELECT a FROM DIGITALTWINS MATCH (a)-[*..6]->(b)-[*..5]->(c) WHERE a.$dtId = 'b1'", "tooManyHops",
        "1:49", "at most 10 hops");
    assertInvalid("SELECT a FROM DIGITALTWINS MATCH (a)-[r:contains*2]->(b) WHERE a.$dtId = 'b1'",
        "relationshipVariableWithHops", "1:37", "single hop");
    assertInvalid("SELECT * FROM DIGITALTWINS A JOIN B RELATED A.contains", "selectStarNotAllowed", "1:1",
        "SELECT * is not allowed with JOIN");
    assertInvalid("SELECT a FROM DIGITALTWINS MATCH (a)-[*3..2]->(b)", "invalidHops", "1:40", "is empty");
    assertInvalid("SELECT a FROM DIGITALTWINS MATCH (a)<-[]->(b)", "syntaxError", "1:37", "not both");
    assertInvalid("SELECT a FROM DIGITALTWINS MATCH (a)-[*]->(b)", "syntaxError", "1:40", "upper limit");
  }

  @Test
  void rejectsGroupingMistakesAndDuplicateColumns() {
    assertInvalid("SELECT name, COUNT() FROM DIGITALTWINS GROUP BY status", "invalidGroupBy", "1:8",
        "must be a GROUP BY key");
    assertInvalid("SELECT T.name, T.name FROM DIGITALTWINS T", "duplicateColumn", "1:16", "add AS");
    assertInvalid("SELECT SUM(T) FROM DIGITALTWINS T", "typeMismatch", "1:12", "whole collection");
  }

  @Test
  void stopsQueriesThatExceedTheWorkBudget() {
    DoppelException e = error("SELECT COUNT() FROM DIGITALTWINS MATCH (a)-[*..10]-(b)");
    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_TOO_EXPENSIVE);
    assertThat(e.details().get(0).code()).isEqualTo("workBudgetExceeded");
  }

  @Test
  void refusesQueriesLongerThanAdtAllowsAndNestingTooDeep() {
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE " + "a = 1 OR ".repeat(1000) + "a = 1", "queryTooLong", "1:1",
        "at most 8000");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE " + "(".repeat(100) + "a = 1" + ")".repeat(100), "tooDeep",
        "1:98", "nest at most 64");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE " + "NOT ".repeat(100) + "a = 1", "tooDeep", "1:290",
        "nest at most 64");
  }

  @Test
  void refusesReservedWordsAsNamesWithTheirPositionAndTheEscapeToUse() {
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE Group = 'BravoTeam'", "reservedWord", "1:34",
        "'Group' is a reserved word and cannot be used as a name; escape it as [[Group]]");
    assertInvalid("SELECT T.count FROM DIGITALTWINS T", "reservedWord", "1:10", "escape it as [[count]]");
    assertInvalid("SELECT T.name AS desc FROM DIGITALTWINS T", "reservedWord", "1:18", "[[desc]]");
    assertInvalid("SELECT Min FROM DIGITALTWINS Min", "reservedWord", "1:8", "[[Min]]");
    assertInvalid("SELECT t FROM DIGITALTWINS MATCH (t)-[top:contains]->(r) WHERE t.$dtId = 'b1'", "reservedWord",
        "1:39", "[[top]]");
    assertInvalid("SELECT a FROM DIGITALTWINS MATCH (a)-[:contains]->(Devices) WHERE a.$dtId = 'b1'", "reservedWord",
        "1:52", "[[Devices]]");
    assertInvalid("SELECT a FROM DIGITALTWINS a JOIN b RELATED a.order WHERE a.$dtId = 'b1'", "reservedWord", "1:47",
        "[[order]]");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE true.x = 1", "reservedWord", "1:34", "[[true]]");
    assertInvalid("SELECT * FROM DIGITALTWINS AS Sum", "reservedWord", "1:31", "[[Sum]]");
    // without AS, a reserved word is not taken for an alias: it is what comes next, and unexpected there
    assertInvalid("SELECT * FROM DIGITALTWINS ORDER BY name", "syntaxError", "1:28", "found 'ORDER'");
    assertInvalid("SELECT * FROM DIGITALTWINS WHERE T.map.1abc = 1", "syntaxError", "1:40",
        "a name that starts with a digit must be escaped: [[1abc]]");
  }

  @Test
  void refusesInListsOverAHundredValuesAtTheFirstValueTooMany() {
    String values = java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(i -> "'v" + i + "'")
        .collect(java.util.stream.Collectors.joining(","));
    String prefix = "SELECT * FROM DIGITALTWINS WHERE name NIN [";
    int column = prefix.length() + values.indexOf("'v101'") + 1;
    assertInvalid(prefix + values + "]", "tooManyInValues", "1:" + column, "NIN takes at most 100 values");
    String ninetyNine = values.substring(0, values.indexOf(",'v100'"));
    QueryPage page = queries.run("SELECT COUNT() FROM DIGITALTWINS WHERE name IN [" + ninetyNine + ", 'Lab']", null,
        10);
    assertThat(page.value().get(0).get("COUNT").asInt()).isEqualTo(1);
  }

  @Test
  void refusesTheFiftyFirstAndOrOperatorAtItsPosition() {
    String fifty = "SELECT COUNT() FROM DIGITALTWINS WHERE " + "level = 1 OR ".repeat(25) + "level = 2"
        + " AND level > 0".repeat(25);
    // floor-1 by its level, floor-2 by the chain of ANDs, which binds tighter than OR
    assertThat(queries.run(fifty, null, 10).value().get(0).get("COUNT").asInt()).isEqualTo(2);
    String query = fifty + " AND level < 9";
    int column = query.lastIndexOf("AND") + 1;
    assertInvalid(query, "tooManyAndOr", "1:" + column, "at most 50 AND and OR operators");
  }

  @Test
  void refusesAPageSizeBelowOne() {
    DoppelException e = catchThrowableOfType(DoppelException.class,
        () -> queries.run("SELECT * FROM DIGITALTWINS", null, 0));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
