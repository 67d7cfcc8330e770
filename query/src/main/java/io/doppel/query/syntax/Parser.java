package io.doppel.query.syntax;

import io.doppel.query.syntax.Query.AsOf;
import io.doppel.query.syntax.Query.Column;
import io.doppel.query.syntax.Query.Direction;
import io.doppel.query.syntax.Query.Edge;
import io.doppel.query.syntax.Query.From;
import io.doppel.query.syntax.Query.Join;
import io.doppel.query.syntax.Query.Node;
import io.doppel.query.syntax.Query.Select;
import io.doppel.query.syntax.Query.Top;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for the Azure Digital Twins query language, plus Doppel's {@code GROUP BY} and
 * {@code EXPLAIN}: the clauses here, expressions in {@link ExpressionParser}. Every error names the position and
 * what was expected; nesting is bounded so no input can exhaust the stack.
 */
public final class Parser {
  /** Azure Digital Twins refuses queries longer than this many characters; so does Doppel. */
  public static final int MAX_QUERY_LENGTH = 8000;
  /** Words that end an optional alias rather than being one. */
  private static final Set<String> CLAUSE_WORDS = Set.of("JOIN", "WHERE", "GROUP", "MATCH", "RELATED", "AS");

  private final String text;
  private final TokenStream in;
  private final ExpressionParser expressions;

  private Parser(String text) {
    this.text = text;
    this.in = new TokenStream(Lexer.tokenize(text));
    this.expressions = new ExpressionParser(in);
  }

  public static Query parse(String text) {
    if (text.length() > MAX_QUERY_LENGTH) {
      throw QueryErrors.invalid("queryTooLong", Position.START,
          "the query has " + text.length() + " characters; at most " + MAX_QUERY_LENGTH + " are allowed");
    }
    return new Parser(text).query();
  }

  /**
   * A condition alone, as a WHERE clause takes it ({@code IS_OF_MODEL('dtmi:x:Pump;1') AND temperature > 25}):
   * for filters outside a query, such as change-stream subscriptions. Positions are within {@code text}.
   */
  public static Expr parseCondition(String text) {
    if (text.length() > MAX_QUERY_LENGTH) {
      throw QueryErrors.invalid("queryTooLong", Position.START,
          "the condition has " + text.length() + " characters; at most " + MAX_QUERY_LENGTH + " are allowed");
    }
    Parser parser = new Parser(text);
    if (parser.in.at(TokenKind.EOF)) {
      throw QueryErrors.expected("a condition", parser.in.peek());
    }
    Expr condition = parser.expressions.expression();
    if (!parser.in.at(TokenKind.EOF)) {
      throw QueryErrors.expected("an operator (AND, OR, =, ...) or the end of the condition", parser.in.peek());
    }
    return condition;
  }

  private Query query() {
    boolean explain = in.acceptKeyword("EXPLAIN");
    Select select = select();
    in.expectKeyword("FROM");
    From from = from();
    Expr where = null;
    if (in.acceptKeyword("WHERE")) {
      where = expressions.expression();
    }
    List<Expr> groupBy = new ArrayList<>();
    if (in.acceptKeyword("GROUP")) {
      in.expectKeyword("BY");
      do {
        groupBy.add(expressions.expression());
      } while (in.accept(TokenKind.COMMA));
    }
    AsOf asOf = asOf();
    if (asOf != null && !in.at(TokenKind.EOF)) {
      // The clause stands at the end (see asOf()); say so instead of "expected WHERE ..., found 'WHERE'".
      throw QueryErrors.invalid("asOfNotLast", asOf.pos(), "AS OF must come last, after WHERE, GROUP BY, JOIN "
          + "and MATCH; found " + in.peek().shown() + " after it");
    }
    if (!in.at(TokenKind.EOF)) {
      String what = where == null ? (groupBy.isEmpty() ? "WHERE, GROUP BY or the end of the query"
          : "',' or the end of the query") : (groupBy.isEmpty() ? "an operator, GROUP BY or the end of the query"
          : "',' or the end of the query");
      throw QueryErrors.expected(what, in.peek());
    }
    return new Query(explain, select, from, where, groupBy, asOf, text);
  }

  /**
   * {@code AS OF '<ISO-8601 time>'} closing the query: a Doppel extension, at the end so that it reads as a property
   * of the whole statement and a continuation token, which carries the text, keeps every page at that time.
   */
  private @Nullable AsOf asOf() {
    if (!atAsOf()) {
      return null;
    }
    Position pos = in.advance().pos();
    in.advance();
    Token time = in.expect(TokenKind.STRING, "a time in quotes after AS OF, e.g. '2026-01-01T00:00:00Z'");
    try {
      return new AsOf(java.time.OffsetDateTime.parse(time.text()).toInstant(), pos);
    } catch (java.time.format.DateTimeParseException e) {
      throw QueryErrors.invalid("invalidAsOf", time.pos(), "AS OF needs an ISO-8601 time with an offset such as "
          + "'2026-01-01T00:00:00Z', found " + time.shown());
    }
  }

  private boolean atAsOf() {
    return in.atKeyword("AS") && in.peekAt(1).isKeyword("OF");
  }

  private Select select() {
    Position pos = in.expectKeyword("SELECT").pos();
    Top top = null;
    if (in.atKeyword("TOP")) {
      Position topPos = in.advance().pos();
      in.expect(TokenKind.LPAREN, "'(' after TOP");
      Token n = in.expect(TokenKind.NUMBER, "the number of items after TOP(");
      long count = integer(n, "TOP");
      if (count < 1) {
        throw QueryErrors.invalid("invalidTop", n.pos(), "TOP needs a count of at least 1, found " + n.text());
      }
      in.expect(TokenKind.RPAREN, "')' after the TOP count");
      top = new Top(count, topPos);
    }
    if (in.accept(TokenKind.STAR)) {
      return new Select(top, true, List.of(), pos);
    }
    if (top != null && in.atKeyword("FROM")) {
      // ADT's own example: "SELECT TOP (5) FROM DIGITALTWINS" returns whole twins
      return new Select(top, true, List.of(), pos);
    }
    List<Column> columns = new ArrayList<>();
    do {
      Token start = in.peek();
      if (start.isKeyword("FROM")) {
        throw QueryErrors.expected("'*' or a projection", start);
      }
      Expr expr = expressions.expression();
      String alias = null;
      if (in.acceptKeyword("AS")) {
        alias = in.name("a column name after AS");
      }
      columns.add(new Column(expr, alias, start.pos()));
    } while (in.accept(TokenKind.COMMA));
    return new Select(top, false, columns, pos);
  }

  private long integer(Token n, String what) {
    try {
      return Long.parseLong(n.text());
    } catch (NumberFormatException e) {
      throw QueryErrors.invalid("syntaxError", n.pos(), "expected a whole number for " + what + ", found " + n.text());
    }
  }

  private From from() {
    Token source = in.peek();
    if (in.acceptKeyword("RELATIONSHIPS")) {
      return new From.Relationships(optionalAlias(), source.pos());
    }
    if (!in.acceptKeyword("DIGITALTWINS")) {
      throw QueryErrors.expected("DIGITALTWINS or RELATIONSHIPS", source);
    }
    if (in.acceptKeyword("MATCH")) {
      return match(source.pos());
    }
    String alias = optionalAlias();
    if (in.atKeyword("MATCH")) {
      throw QueryErrors.invalid("syntaxError", in.peek().pos(),
          "MATCH names its twins in the pattern: write FROM DIGITALTWINS MATCH (" + alias + ")...");
    }
    List<Join> joins = new ArrayList<>();
    while (in.atKeyword("JOIN")) {
      Position pos = in.advance().pos();
      String target = in.name("the name of the joined collection after JOIN");
      in.expectKeyword("RELATED");
      String from = in.name("a collection name after RELATED");
      in.expect(TokenKind.DOT, "'.' and a relationship name after " + from);
      String relationship = in.name("a relationship name");
      String relAlias = optionalAlias();
      joins.add(new Join(target, from, relationship, relAlias, pos));
    }
    return new From.Twins(alias, joins, source.pos());
  }

  private @Nullable String optionalAlias() {
    if (atAsOf()) {
      return null; // the closing AS OF clause, not an alias
    }
    if (in.acceptKeyword("AS")) {
      return in.name("a collection name after AS");
    }
    Token t = in.peek();
    if (isAlias(t)) {
      in.advance();
      return t.text();
    }
    return null;
  }

  /**
   * An implicit alias (one without AS): a name, but not a word of the language, which rather starts what follows
   * ({@code FROM DIGITALTWINS ORDER BY} reports ORDER as unexpected); an escaped name always is one.
   */
  private static boolean isAlias(Token t) {
    return t.kind() == TokenKind.IDENT && (t.escaped()
        || (!CLAUSE_WORDS.contains(t.text().toUpperCase(Locale.ROOT)) && !ReservedWords.isReserved(t)));
  }

  private From.Match match(Position pos) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(node());
    while (in.at(TokenKind.MINUS) || (in.at(TokenKind.LT) && in.peekAt(1).kind() == TokenKind.MINUS)) {
      edges.add(edge());
      nodes.add(node());
    }
    return new From.Match(nodes, edges, pos);
  }

  private Node node() {
    Token t = in.peek();
    if (in.accept(TokenKind.LPAREN)) {
      String variable = in.at(TokenKind.IDENT) ? ReservedWords.checkName(in.advance()) : null;
      in.expect(TokenKind.RPAREN, "')' to close the twin in the MATCH pattern");
      return new Node(variable, t.pos());
    }
    if (isAlias(t)) {
      in.advance();
      return new Node(t.text(), t.pos());
    }
    throw QueryErrors.expected("'(' and a twin name in the MATCH pattern", t);
  }

  private Edge edge() {
    Position pos = in.peek().pos();
    boolean left = in.accept(TokenKind.LT);
    in.expect(TokenKind.MINUS, "'-'");
    in.expect(TokenKind.LBRACKET, "'[' to open the relationship condition");
    String variable = null;
    if (in.at(TokenKind.IDENT)) {
      variable = ReservedWords.checkName(in.advance());
    }
    List<String> names = new ArrayList<>();
    if (in.accept(TokenKind.COLON)) {
      do {
        names.add(in.name("a relationship name"));
      } while (in.accept(TokenKind.PIPE));
    }
    int min = 1;
    int max = 1;
    if (in.at(TokenKind.STAR)) {
      Token star = in.advance();
      if (in.at(TokenKind.NUMBER)) {
        Token first = in.advance();
        int m = hops(first);
        if (in.accept(TokenKind.DOTDOT)) {
          int n = hops(in.expect(TokenKind.NUMBER, "the largest number of hops after '..'"));
          if (n <= m) {
            throw QueryErrors.invalid("invalidHops", first.pos(), "the hop range *" + m + ".." + n
                + " is empty: the lower limit is excluded, so it must be below the upper limit");
          }
          min = m + 1;
          max = n;
        } else {
          if (m < 1) {
            throw QueryErrors.invalid("invalidHops", first.pos(), "an exact number of hops must be at least 1");
          }
          min = m;
          max = m;
        }
      } else if (in.accept(TokenKind.DOTDOT)) {
        max = hops(in.expect(TokenKind.NUMBER, "the largest number of hops after '..'"));
        if (max < 1) {
          throw QueryErrors.invalid("invalidHops", star.pos(), "the largest number of hops must be at least 1");
        }
      } else {
        throw QueryErrors.expected("a number of hops after '*' (n, ..n or m..n: ADT needs an upper limit)", in.peek());
      }
    }
    in.expect(TokenKind.RBRACKET, "']' to close the relationship condition");
    in.expect(TokenKind.MINUS, "'-' after ']'");
    boolean right = in.accept(TokenKind.GT);
    if (left && right) {
      throw QueryErrors.invalid("syntaxError", pos,
          "a relationship condition points one way (<-[...]- or -[...]->) or none (-[...]-), not both");
    }
    Direction direction = left ? Direction.LEFT : right ? Direction.RIGHT : Direction.ANY;
    return new Edge(variable, names, direction, min, max, pos);
  }

  private int hops(Token number) {
    long value = integer(number, "a number of hops");
    if (value > 1000) {
      throw QueryErrors.invalid("tooManyHops", number.pos(), "a hop count of " + value + " is far beyond the limit of MATCH hops");
    }
    return (int) value;
  }
}
