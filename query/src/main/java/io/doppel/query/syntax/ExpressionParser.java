package io.doppel.query.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.doppel.query.syntax.Expr.CompareOp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expressions, by precedence: OR, AND, NOT, then comparisons and IN/NIN over primaries (literals, lists,
 * parentheses, function calls, dotted names). Each level of nesting is counted, so depth is bounded.
 */
final class ExpressionParser {
  /** Azure Digital Twins allows this many AND and OR operators in a query; so does Doppel. */
  static final int MAX_AND_OR = 50;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TokenStream in;
  /** AND and OR operators read so far, over every expression of the query. */
  private int andOr;

  ExpressionParser(TokenStream in) {
    this.in = in;
  }

  Expr expression() {
    in.enter();
    try {
      Expr left = and();
      while (in.atKeyword("OR")) {
        Position pos = logicalOperator();
        left = new Expr.Or(left, and(), pos);
      }
      return left;
    } finally {
      in.leave();
    }
  }

  private Expr and() {
    Expr left = not();
    while (in.atKeyword("AND")) {
      Position pos = logicalOperator();
      left = new Expr.And(left, not(), pos);
    }
    return left;
  }

  /** Takes an AND or OR, refusing the one past {@value #MAX_AND_OR}: ADT's limit, which also bounds a row's work. */
  private Position logicalOperator() {
    Token op = in.advance();
    if (++andOr > MAX_AND_OR) {
      throw QueryErrors.invalid("tooManyAndOr", op.pos(), "a query may have at most " + MAX_AND_OR
          + " AND and OR operators (as in Azure Digital Twins); this is operator " + andOr);
    }
    return op.pos();
  }

  private Expr not() {
    if (in.atKeyword("NOT")) {
      Position pos = in.advance().pos();
      in.enter();
      try {
        return new Expr.Not(not(), pos);
      } finally {
        in.leave();
      }
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = primary();
    Token t = in.peek();
    CompareOp op = switch (t.kind()) {
      case EQ -> CompareOp.EQ;
      case NEQ -> CompareOp.NEQ;
      case LT -> CompareOp.LT;
      case LE -> CompareOp.LE;
      case GT -> CompareOp.GT;
      case GE -> CompareOp.GE;
      default -> null;
    };
    if (op != null) {
      in.advance();
      return new Expr.Compare(op, left, primary(), t.pos());
    }
    if (t.isKeyword("IN")) {
      in.advance();
      return new Expr.In(left, primary(), false, t.pos());
    }
    if (t.isKeyword("NIN")) {
      in.advance();
      return new Expr.In(left, primary(), true, t.pos());
    }
    if (t.isKeyword("NOT") && in.peekAt(1).isKeyword("IN")) {
      in.advance();
      in.advance();
      return new Expr.In(left, primary(), true, t.pos());
    }
    return left;
  }

  private Expr primary() {
    Token t = in.peek();
    switch (t.kind()) {
      case LPAREN -> {
        in.advance();
        Expr inner = expression();
        in.expect(TokenKind.RPAREN, "')'");
        return inner;
      }
      case STRING -> {
        in.advance();
        return new Expr.Literal(NODES.textNode(t.text()), t.pos());
      }
      case NUMBER -> {
        in.advance();
        return new Expr.Literal(number(t.text(), false), t.pos());
      }
      case MINUS -> {
        in.advance();
        Token n = in.expect(TokenKind.NUMBER, "a number after '-'");
        return new Expr.Literal(number(n.text(), true), t.pos());
      }
      case LBRACKET -> {
        return list();
      }
      case IDENT -> {
        return identifierExpression();
      }
      default -> throw QueryErrors.expected("a value, a property or a function", t);
    }
  }

  private Expr list() {
    Position pos = in.advance().pos();
    List<Expr> items = new ArrayList<>();
    if (!in.at(TokenKind.RBRACKET)) {
      do {
        in.enter();
        try {
          items.add(primary());
        } finally {
          in.leave();
        }
      } while (in.accept(TokenKind.COMMA));
    }
    in.expect(TokenKind.RBRACKET, "',' or ']' in the list");
    return new Expr.ListLiteral(items, pos);
  }

  /**
   * A call, a {@code true}/{@code false}/{@code null} literal, or a dotted name. Reserved words are refused as names
   * (so {@code COUNT()} is a call but {@code T.count} an error); an escaped name is always a name.
   */
  private Expr identifierExpression() {
    Token t = in.advance();
    if (!t.escaped() && in.at(TokenKind.LPAREN)) {
      return call(t);
    }
    if (!t.escaped() && in.peek().kind() != TokenKind.DOT) {
      if (t.isKeyword("true") || t.isKeyword("false")) {
        return new Expr.Literal(NODES.booleanNode(t.isKeyword("true")), t.pos());
      }
      if (t.isKeyword("null")) {
        return new Expr.Literal(NODES.nullNode(), t.pos());
      }
    }
    List<String> segments = new ArrayList<>();
    segments.add(ReservedWords.checkName(t));
    while (in.accept(TokenKind.DOT)) {
      segments.add(in.name("a property name after '.'"));
    }
    return new Expr.Ref(segments, t.pos());
  }

  private Expr call(Token nameToken) {
    String name = nameToken.text().toUpperCase(Locale.ROOT);
    in.advance();
    List<Expr> args = new ArrayList<>();
    boolean exact = false;
    if (!in.at(TokenKind.RPAREN)) {
      do {
        if (name.equals("IS_OF_MODEL") && in.atKeyword("exact") && in.peekAt(1).kind() == TokenKind.RPAREN) {
          in.advance();
          exact = true;
          break;
        }
        args.add(expression());
      } while (in.accept(TokenKind.COMMA));
    }
    in.expect(TokenKind.RPAREN, "',' or ')' to close " + name + "(");
    return new Expr.Call(name, args, exact, nameToken.pos());
  }

  private static JsonNode number(String text, boolean negative) {
    String signed = negative ? "-" + text : text;
    if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
      try {
        return NODES.numberNode(Long.parseLong(signed));
      } catch (NumberFormatException tooBig) {
        return NODES.numberNode(new BigDecimal(signed).doubleValue());
      }
    }
    return NODES.numberNode(Double.parseDouble(signed));
  }
}
