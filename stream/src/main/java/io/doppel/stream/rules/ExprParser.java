package io.doppel.stream.rules;

import io.doppel.stream.rules.Expr.AggregateFn;
import io.doppel.stream.rules.Expr.BinaryOp;
import io.doppel.stream.rules.Expr.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over the rule expression grammar, loosest first:
 *
 * <pre>
 * expr  := and ('or' and)*
 * and   := not ('and' not)*
 * not   := 'not' not | cmp
 * cmp   := sum (('==' | '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum)?   -- no chains: a &lt; b &lt; c is refused
 * sum   := prod (('+' | '-') prod)*
 * prod  := unary (('*' | '/' | '%') unary)*
 * unary := '-' unary | atom
 * atom  := number | string | 'true' | 'false' | '(' expr ')'
 *        | ('avg' | 'min' | 'max' | 'sum' | 'count') '(' ('rel' | 'rel_in') '(' string ')' ('.' path)? ')'
 *        | 'anomaly' '(' path ')' | 'warning' '(' path ')'
 *        | path
 * path  := name ('.' name)*
 * </pre>
 *
 * Keywords and function names are matched without regard to case; a function name not followed by {@code (} is an
 * ordinary name, so a property called {@code count} still reads.
 */
final class ExprParser {
  /** Longer than any sane rule; keeps a hostile one from costing more than a moment to parse or evaluate. */
  static final int MAX_LENGTH = 4096;
  private static final int MAX_DEPTH = 64;
  private static final Set<String> RESERVED = Set.of("and", "or", "not", "true", "false");

  private final String field;
  private final String text;
  private final List<Token> tokens;
  private int at;
  private int depth;

  private ExprParser(String field, String text) {
    this.field = field;
    this.text = text;
    this.tokens = Lexer.tokens(field, text);
  }

  /** Parses expression field {@code field} (named in errors) of a rule. */
  static Expr parse(String field, String text) {
    if (text.isBlank()) {
      throw RuleErrors.field(field, "must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw RuleErrors.field(field, "at most " + MAX_LENGTH + " characters, got " + text.length());
    }
    ExprParser p = new ExprParser(field, text);
    Expr e = p.or();
    Token rest = p.peek();
    if (rest.kind() != Token.Kind.END) {
      throw p.error(rest, "expected an operator or the end, got " + rest.describe());
    }
    return e;
  }

  private Expr or() {
    Expr left = and();
    while (peek().keyword("or")) {
      Token op = take();
      left = new Expr.Binary(BinaryOp.OR, left, and(), op.pos());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (peek().keyword("and")) {
      Token op = take();
      left = new Expr.Binary(BinaryOp.AND, left, not(), op.pos());
    }
    return left;
  }

  private Expr not() {
    if (peek().keyword("not") || peek().symbol("!")) {
      Token op = take();
      return nested(() -> new Expr.Unary(Expr.UnaryOp.NOT, not(), op.pos()));
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = sum();
    BinaryOp op = comparisonOp(peek());
    if (op == null) {
      return left;
    }
    Token t = take();
    Expr right = sum();
    if (comparisonOp(peek()) != null) {
      throw error(peek(), "comparisons do not chain: write a < b and b < c");
    }
    return new Expr.Binary(op, left, right, t.pos());
  }

  private static @org.jspecify.annotations.Nullable BinaryOp comparisonOp(Token t) {
    if (t.kind() != Token.Kind.SYMBOL) {
      return null;
    }
    return switch (t.text()) {
      case "==", "=" -> BinaryOp.EQ;
      case "!=", "<>" -> BinaryOp.NE;
      case "<" -> BinaryOp.LT;
      case "<=" -> BinaryOp.LE;
      case ">" -> BinaryOp.GT;
      case ">=" -> BinaryOp.GE;
      default -> null;
    };
  }

  private Expr sum() {
    Expr left = product();
    while (peek().symbol("+") || peek().symbol("-")) {
      Token op = take();
      left = new Expr.Binary(op.text().equals("+") ? BinaryOp.ADD : BinaryOp.SUB, left, product(), op.pos());
    }
    return left;
  }

  private Expr product() {
    Expr left = unary();
    while (peek().symbol("*") || peek().symbol("/") || peek().symbol("%")) {
      Token op = take();
      BinaryOp kind = switch (op.text()) {
        case "*" -> BinaryOp.MUL;
        case "/" -> BinaryOp.DIV;
        default -> BinaryOp.MOD;
      };
      left = new Expr.Binary(kind, left, unary(), op.pos());
    }
    return left;
  }

  private Expr unary() {
    if (peek().symbol("-")) {
      Token op = take();
      return nested(() -> new Expr.Unary(Expr.UnaryOp.NEG, unary(), op.pos()));
    }
    return atom();
  }

  private Expr atom() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        take();
        return new Expr.Literal(Double.parseDouble(t.text()), t.pos());
      }
      case STRING -> {
        take();
        return new Expr.Literal(t.text(), t.pos());
      }
      case IDENT -> {
        if (t.keyword("true") || t.keyword("false")) {
          take();
          return new Expr.Literal(t.keyword("true"), t.pos());
        }
        AggregateFn fn = aggregate(t);
        if (fn != null && tokens.get(at + 1).symbol("(")) {
          return aggregate(fn);
        }
        if (t.keyword("anomaly") && tokens.get(at + 1).symbol("(")) {
          take();
          expect("(");
          Expr.Path target = path();
          expect(")");
          return new Expr.Anomaly(target, t.pos());
        }
        if (t.keyword("warning") && tokens.get(at + 1).symbol("(")) {
          take();
          expect("(");
          Expr.Path target = path();
          expect(")");
          return new Expr.Warning(target, t.pos());
        }
        if (t.keyword("rel") || t.keyword("rel_in")) {
          throw error(t, t.text() + "(...) gives several twins: aggregate them, e.g. avg(" + t.text()
              + "('contains').temperature)");
        }
        if (tokens.get(at + 1).symbol("(")) {
          throw error(t, "unknown function '" + t.text() + "': use avg, min, max, sum, count, anomaly or warning");
        }
        return path();
      }
      case SYMBOL -> {
        if (t.symbol("(")) {
          take();
          Expr inner = nested(this::or);
          expect(")");
          return inner;
        }
        throw error(t, "expected a value, a name or '(', got " + t.describe());
      }
      default -> throw error(t, "expected a value, a name or '(', got " + t.describe());
    }
  }

  private static @org.jspecify.annotations.Nullable AggregateFn aggregate(Token t) {
    for (AggregateFn fn : AggregateFn.values()) {
      if (t.keyword(fn.name())) {
        return fn;
      }
    }
    return null;
  }

  private Expr aggregate(AggregateFn fn) {
    Token name = take();
    expect("(");
    Token rel = peek();
    Direction direction = rel.keyword("rel") ? Direction.OUT : rel.keyword("rel_in") ? Direction.IN : null;
    if (direction == null) {
      throw error(rel, name.text().toLowerCase(Locale.ROOT) + "(...) takes rel('name') or rel_in('name'), got "
          + rel.describe());
    }
    take();
    expect("(");
    Token relName = take();
    if (relName.kind() != Token.Kind.STRING || relName.text().isEmpty()) {
      throw error(relName, "expected a relationship name in quotes, got " + relName.describe());
    }
    expect(")");
    Expr.Path path = null;
    if (peek().symbol(".")) {
      take();
      path = path();
    }
    if (path == null && fn != AggregateFn.COUNT) {
      throw error(peek(), fn.name().toLowerCase(Locale.ROOT) + " needs a value of the neighbours, e.g. "
          + direction.keyword + "('" + relName.text() + "').temperature");
    }
    expect(")");
    return new Expr.Aggregate(fn, new Expr.Neighbours(direction, relName.text(), rel.pos()), path, name.pos());
  }

  private Expr.Path path() {
    Token first = peek();
    List<String> segments = new ArrayList<>();
    segments.add(name());
    while (peek().symbol(".")) {
      take();
      segments.add(name());
    }
    return new Expr.Path(segments, first.pos());
  }

  private String name() {
    Token t = take();
    if (t.kind() != Token.Kind.IDENT) {
      throw error(t, "expected a name, got " + t.describe());
    }
    if (RESERVED.contains(t.text().toLowerCase(Locale.ROOT))) {
      throw error(t, "'" + t.text() + "' is a keyword, not a name");
    }
    return t.text();
  }

  private Expr nested(java.util.function.Supplier<Expr> inner) {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "nested more than " + MAX_DEPTH + " deep");
    }
    try {
      return inner.get();
    } finally {
      depth--;
    }
  }

  private void expect(String symbol) {
    Token t = peek();
    if (!t.symbol(symbol)) {
      throw error(t, "expected '" + symbol + "', got " + t.describe());
    }
    take();
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token take() {
    Token t = tokens.get(at);
    if (t.kind() != Token.Kind.END) {
      at++;
    }
    return t;
  }

  private io.doppel.twin.DoppelException error(Token t, String message) {
    return RuleErrors.at("SYNTAX", field, text, t.pos(), message);
  }
}
