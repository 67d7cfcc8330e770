package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the expression language of mappings (recursive descent, one character of lookahead):
 *
 * <pre>
 * expr    = or
 * or      = and { "||" and }          and = compare { "&amp;&amp;" compare }
 * compare = sum [ ("=="|"!="|"&lt;"|"&lt;="|"&gt;"|"&gt;=") sum ]
 * sum     = product { ("+"|"-") product }    product = unary { ("*"|"/"|"%") unary }
 * unary   = ("-"|"!") unary | primary
 * primary = number | 'text' | "text" | true | false | null | "(" expr ")"
 *         | "$" steps | "payload" steps | "topic[" n "]" | "key" | "header" ("." name | "['" name "']")
 * steps   = { "." name | "[" n "]" | "['" name "']" }
 * </pre>
 *
 * Every error names the field the expression came from and the 1-based column where it went wrong.
 */
final class ExpressionParser {
  private static final int MAX_LENGTH = 1_000;
  private static final int MAX_DEPTH = 64;

  private final String text;
  private final String field;
  private int pos;
  private int depth;

  private ExpressionParser(String text, String field) {
    this.text = text;
    this.field = field;
  }

  static Expression parse(String text, String field) {
    if (text.isBlank()) {
      throw Definitions.invalid(field, "the expression is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw Definitions.invalid(field, "the expression is longer than " + MAX_LENGTH + " characters");
    }
    ExpressionParser parser = new ExpressionParser(text, field);
    Expression e = parser.or();
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
    }
    return e;
  }

  private Expression or() {
    Expression left = and();
    while (eat("||")) {
      int column = pos - 1;
      left = new Expression.Binary("||", left, and(), column);
    }
    return left;
  }

  private Expression and() {
    Expression left = compare();
    while (eat("&&")) {
      int column = pos - 1;
      left = new Expression.Binary("&&", left, compare(), column);
    }
    return left;
  }

  private Expression compare() {
    Expression left = sum();
    for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
      if (eat(op)) {
        int column = pos - op.length() + 1;
        return new Expression.Binary(op, left, sum(), column);
      }
    }
    return left;
  }

  private Expression sum() {
    Expression left = product();
    while (true) {
      skipSpace();
      char c = peek();
      if (c != '+' && c != '-') {
        return left;
      }
      pos++;
      left = new Expression.Binary(String.valueOf(c), left, product(), pos);
    }
  }

  private Expression product() {
    Expression left = unary();
    while (true) {
      skipSpace();
      char c = peek();
      if (c != '*' && c != '/' && c != '%') {
        return left;
      }
      pos++;
      left = new Expression.Binary(String.valueOf(c), left, unary(), pos);
    }
  }

  private Expression unary() {
    skipSpace();
    if (++depth > MAX_DEPTH) {
      throw error("the expression nests deeper than " + MAX_DEPTH + " levels");
    }
    try {
      char c = peek();
      if (c == '-') {
        pos++;
        return new Expression.Negate(unary(), pos);
      }
      if (c == '!' && !text.startsWith("!=", pos)) {
        pos++;
        return new Expression.Not(unary(), pos);
      }
      return primary();
    } finally {
      depth--;
    }
  }

  private Expression primary() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("the expression ends where a value was expected");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expression inner = or();
      expect(')');
      return inner;
    }
    if (c == '\'' || c == '"') {
      return Expression.literal(TextNode.valueOf(quoted()));
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (c == '$') {
      pos++;
      return new Expression.PayloadPath(steps());
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      String word = name();
      return switch (word) {
        case "true" -> Expression.literal(BooleanNode.TRUE);
        case "false" -> Expression.literal(BooleanNode.FALSE);
        case "null" -> Expression.literal(NullNode.getInstance());
        case "payload" -> new Expression.PayloadPath(steps());
        case "key" -> new Expression.Key();
        case "topic" -> topicLevel();
        case "header", "headers" -> header();
        default -> {
          pos = start;
          throw error("unknown name '" + word + "' (a payload field is written $." + word + ")");
        }
      };
    }
    throw error("unexpected '" + c + "'");
  }

  private Expression topicLevel() {
    expect('[');
    skipSpace();
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("a topic level is written topic[n] with n counted from 0");
    }
    int index = index(text.substring(start, pos), start);
    expect(']');
    return new Expression.TopicLevel(index);
  }

  private Expression header() {
    if (peek() == '.') {
      pos++;
      return new Expression.Header(headerName());
    }
    if (peek() == '[') {
      pos++;
      skipSpace();
      String name = quoted();
      expect(']');
      return new Expression.Header(name);
    }
    throw error("a header is written header.name or header['name']");
  }

  private String headerName() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "-_".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    if (start == pos) {
      throw error("a header name is expected");
    }
    return text.substring(start, pos);
  }

  private List<Expression.Step> steps() {
    List<Expression.Step> steps = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        pos++;
        if (pos >= text.length() || !(Character.isLetterOrDigit(peek()) || peek() == '_')) {
          throw error("a field name is expected after '.'");
        }
        steps.add(new Expression.Step(fieldName(), 0));
      } else if (c == '[') {
        pos++;
        skipSpace();
        if (peek() == '\'' || peek() == '"') {
          steps.add(new Expression.Step(quoted(), 0));
        } else {
          int start = pos;
          while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
          }
          if (start == pos) {
            throw error("an array index (a number) or a quoted field name is expected");
          }
          steps.add(new Expression.Step(null, index(text.substring(start, pos), start)));
        }
        expect(']');
      } else {
        break;
      }
    }
    return List.copyOf(steps);
  }

  private int index(String digits, int start) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("the index " + digits + " is too large");
    }
  }

  private String fieldName() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String name() {
    return fieldName();
  }

  private Expression number() {
    int start = pos;
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String literal = text.substring(start, pos);
    try {
      if (literal.matches("\\d{1,18}")) {
        return Expression.literal(LongNode.valueOf(Long.parseLong(literal)));
      }
      double value = Double.parseDouble(literal);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return Expression.literal(DoubleNode.valueOf(value));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("'" + literal + "' is not a number");
    }
  }

  private String quoted() {
    char quote = text.charAt(pos);
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      out.append(c);
    }
    pos = start;
    throw error("the string starting here has no closing " + quote);
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) {
      throw pos >= text.length() ? error("'" + c + "' expected at the end") : error("'" + c + "' expected");
    }
    pos++;
  }

  private boolean eat(String op) {
    skipSpace();
    if (text.startsWith(op, pos)) {
      pos += op.length();
      return true;
    }
    return false;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private RuntimeException error(String message) {
    return Definitions.invalid(field, message + " at column " + (pos + 1) + " of '" + text + "'");
  }
}
