package io.doppel.query.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.query.syntax.Query.Direction;
import io.doppel.query.syntax.Query.Edge;
import io.doppel.query.syntax.Query.From;
import org.junit.jupiter.api.Test;

class ParserTest {
  private static Edge edge(String pattern) {
    Query q = Parser.parse("SELECT a FROM DIGITALTWINS MATCH " + pattern + " WHERE a.$dtId = 'x'");
    return ((From.Match) q.from()).edges().get(0);
  }

  @Test
  void readsHopCountsWithAdtsExclusiveLowerLimit() {
    assertThat(edge("(a)-[]->(b)")).extracting(Edge::minHops, Edge::maxHops).containsExactly(1, 1);
    assertThat(edge("(a)-[*3]->(b)")).extracting(Edge::minHops, Edge::maxHops).containsExactly(3, 3);
    assertThat(edge("(a)-[*..3]->(b)")).extracting(Edge::minHops, Edge::maxHops).containsExactly(1, 3);
    assertThat(edge("(a)-[*1..3]->(b)")).extracting(Edge::minHops, Edge::maxHops).containsExactly(2, 3);
    assertThat(edge("(a)-[:contains|isPartOf*4..5]-(b)").names()).containsExactly("contains", "isPartOf");
  }

  @Test
  void readsDirectionsVariablesAndUnnamedTwins() {
    assertThat(edge("(a)-[r:calls]->(b)")).extracting(Edge::variable, Edge::direction)
        .containsExactly("r", Direction.RIGHT);
    assertThat(edge("(a)<-[:calls]-(b)").direction()).isEqualTo(Direction.LEFT);
    assertThat(edge("(a)-[]-(b)").direction()).isEqualTo(Direction.ANY);
    Query chain = Parser.parse("SELECT a FROM DIGITALTWINS MATCH (a)-[]->()<-[]-(c)");
    assertThat(((From.Match) chain.from()).nodes()).extracting(Query.Node::variable).containsExactly("a", null, "c");
  }

  @Test
  void treatsKeywordsCaseInsensitivelyAndNamesCaseSensitively() {
    Query q = Parser.parse("select top(3) T.Name as n from digitaltwins T where T.Name = 'x' -- a comment");
    assertThat(q.select().top().count()).isEqualTo(3);
    assertThat(q.select().columns().get(0).alias()).isEqualTo("n");
    assertThat(((Expr.Ref) q.select().columns().get(0).expr()).segments()).containsExactly("T", "Name");
    assertThat(q.where()).isInstanceOf(Expr.Compare.class);
  }

  @Test
  void bindsAndTighterThanOrAndNotTighterThanAnd() {
    Query q = Parser.parse("SELECT * FROM DIGITALTWINS WHERE a = 1 OR NOT b = 2 AND c = 3");
    Expr.Or or = (Expr.Or) q.where();
    Expr.And and = (Expr.And) or.right();
    assertThat(and.left()).isInstanceOf(Expr.Not.class);
    assertThat(((Expr.Not) and.left()).operand()).isInstanceOf(Expr.Compare.class);
  }

  @Test
  void readsLiteralsOfEveryKind() {
    Query q = Parser.parse("SELECT * FROM DIGITALTWINS WHERE x IN ['a\\'b', \"c\", -2.5, 1e3, 7, true, null]");
    Expr.ListLiteral list = (Expr.ListLiteral) ((Expr.In) q.where()).list();
    assertThat(list.items()).extracting(e -> ((Expr.Literal) e).value().toString())
        .containsExactly("\"a'b\"", "\"c\"", "-2.5", "1000.0", "7", "true", "null");
  }

  @Test
  void flagsExactInIsOfModel() {
    Query q = Parser.parse("SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:a:B;1', exact)");
    Expr.Call call = (Expr.Call) q.where();
    assertThat(call.exact()).isTrue();
    assertThat(call.args()).hasSize(2);
  }

  @Test
  void readsNamesEscapedInDoubleBracketsAsPlainNamesNeverAsKeywords() {
    Query q = Parser.parse("SELECT [[Group]] AS [[ORDER]] FROM DIGITALTWINS [[FROM]] WHERE [[FROM]].map.[[1abc]] = 'x' "
        + "AND [[true]] = true");
    Expr.Ref column = (Expr.Ref) q.select().columns().get(0).expr();
    assertThat(column.segments()).containsExactly("Group");
    assertThat(q.select().columns().get(0).alias()).isEqualTo("ORDER");
    assertThat(((From.Twins) q.from()).alias()).isEqualTo("FROM");
    Expr.And and = (Expr.And) q.where();
    assertThat(((Expr.Ref) ((Expr.Compare) and.left()).left()).segments()).containsExactly("FROM", "map", "1abc");
    Expr.Compare flag = (Expr.Compare) and.right();
    assertThat(flag.left()).isInstanceOf(Expr.Ref.class);
    assertThat(flag.right()).isInstanceOf(Expr.Literal.class);
  }

  @Test
  void keepsDoubleBracketsThatHoldNoNameAsNestedLists() {
    Query q = Parser.parse("SELECT * FROM DIGITALTWINS WHERE x IN [['a'], [1, 2]]");
    Expr.ListLiteral list = (Expr.ListLiteral) ((Expr.In) q.where()).list();
    assertThat(list.items()).hasSize(2).allMatch(e -> e instanceof Expr.ListLiteral);
  }

  @Test
  void keepsReservedFunctionNamesWorkingAsCalls() {
    Query q = Parser.parse("SELECT COUNT(), max(T.a) AS m FROM DIGITALTWINS T WHERE IS_DEFINED(T.a) "
        + "AND IS_OF_MODEL(T, 'dtmi:a:B;1', exact) AND NOT IS_NULL(T.a)");
    assertThat(q.select().columns()).extracting(c -> ((Expr.Call) c.expr()).name()).containsExactly("COUNT", "MAX");
    assertThat(((Expr.Call) ((Expr.And) ((Expr.And) q.where()).left()).left()).name()).isEqualTo("IS_DEFINED");
  }
}
