package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.ingest.Unmappable;
import java.util.List;
import java.util.Objects;

/**
 * A parsed expression over one message (see {@link ExpressionParser} for the syntax). Evaluation answers JSON values
 * so that what a path reads keeps its type; arithmetic on two integers stays an integer except for {@code /}.
 * A missing field or a value of the wrong kind is an {@link Unmappable} naming the expression's text.
 */
sealed interface Expression {
  JsonNode eval(Scope scope) throws Unmappable;

  /** What the expression yields, as far as the text tells (a path can yield anything). */
  Kind kind();

  enum Kind { NUMBER, INTEGER, STRING, BOOLEAN, ANY }

  record Literal(JsonNode value) implements Expression {
    @Override
    public JsonNode eval(Scope scope) {
      return value;
    }

    @Override
    public Kind kind() {
      return value.isIntegralNumber() ? Kind.INTEGER : value.isNumber() ? Kind.NUMBER : value.isTextual()
          ? Kind.STRING : value.isBoolean() ? Kind.BOOLEAN : Kind.ANY;
    }
  }

  /** One step into a JSON value: a member name or an array index. */
  record Step(@org.jspecify.annotations.Nullable String member, int index) {
    JsonNode from(JsonNode node) {
      return member != null ? node.path(member) : node.path(index);
    }

    @Override
    public String toString() {
      return member != null ? (member.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + member : "['" + member + "']")
          : "[" + index + "]";
    }
  }

  /** A payload path, {@code $.a.b[0]}. */
  record PayloadPath(List<Step> steps) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      JsonNode node = scope.payload();
      for (Step step : steps) {
        node = step.from(node);
      }
      if (node.isMissingNode()) {
        throw new Unmappable("FIELD_MISSING", "the payload has no " + this);
      }
      return node;
    }

    @Override
    public Kind kind() {
      return Kind.ANY;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("$");
      steps.forEach(out::append);
      return out.toString();
    }
  }

  /** {@code topic[n]}: a level of the topic, counted from 0. */
  record TopicLevel(int index) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      String[] levels = scope.topic();
      if (index >= levels.length) {
        throw new Unmappable("FIELD_MISSING", "topic[" + index + "]: the topic '" + String.join("/", levels)
            + "' has only " + levels.length + " levels");
      }
      return TextNode.valueOf(levels[index]);
    }

    @Override
    public Kind kind() {
      return Kind.STRING;
    }
  }

  /** {@code key}: the message key (Kafka record key). */
  record Key() implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      String key = scope.key();
      if (key == null) {
        throw new Unmappable("FIELD_MISSING", "the message has no key");
      }
      return TextNode.valueOf(key);
    }

    @Override
    public Kind kind() {
      return Kind.STRING;
    }
  }

  /** {@code header.name} or {@code header['name']}: a header (Kafka header, MQTT 5 user property). */
  record Header(String name) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      String value = scope.header(name);
      if (value == null) {
        throw new Unmappable("FIELD_MISSING", "the message has no header '" + name + "'");
      }
      return TextNode.valueOf(value);
    }

    @Override
    public Kind kind() {
      return Kind.STRING;
    }
  }

  record Negate(Expression operand, int column) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      JsonNode v = operand.eval(scope);
      if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() != Long.MIN_VALUE) {
        return LongNode.valueOf(-v.asLong());
      }
      return DoubleNode.valueOf(-Binary.number(v, operand, column));
    }

    @Override
    public Kind kind() {
      return operand.kind() == Kind.INTEGER ? Kind.INTEGER : Kind.NUMBER;
    }
  }

  record Not(Expression operand, int column) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      return BooleanNode.valueOf(!Binary.truth(operand.eval(scope), operand, column));
    }

    @Override
    public Kind kind() {
      return Kind.BOOLEAN;
    }
  }

  /** A unit conversion applied to a value: {@code telemetry.x.unit} wraps the {@code from} expression in one. */
  record Convert(Expression operand, Units.Conversion conversion) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      return DoubleNode.valueOf(conversion.apply(Binary.number(operand.eval(scope), operand, 0)));
    }

    @Override
    public Kind kind() {
      return Kind.NUMBER;
    }
  }

  record Binary(String op, Expression left, Expression right, int column) implements Expression {
    @Override
    public JsonNode eval(Scope scope) throws Unmappable {
      switch (op) {
        case "&&" -> {
          return BooleanNode.valueOf(truth(left.eval(scope), left, column) && truth(right.eval(scope), right, column));
        }
        case "||" -> {
          return BooleanNode.valueOf(truth(left.eval(scope), left, column) || truth(right.eval(scope), right, column));
        }
        default -> {
          return apply(left.eval(scope), right.eval(scope));
        }
      }
    }

    private JsonNode apply(JsonNode a, JsonNode b) throws Unmappable {
      return switch (op) {
        case "==" -> BooleanNode.valueOf(same(a, b));
        case "!=" -> BooleanNode.valueOf(!same(a, b));
        case "<" -> BooleanNode.valueOf(compare(a, b) < 0);
        case "<=" -> BooleanNode.valueOf(compare(a, b) <= 0);
        case ">" -> BooleanNode.valueOf(compare(a, b) > 0);
        case ">=" -> BooleanNode.valueOf(compare(a, b) >= 0);
        case "+" -> a.isTextual() || b.isTextual() ? TextNode.valueOf(text(a) + text(b)) : arithmetic(a, b);
        default -> arithmetic(a, b);
      };
    }

    private JsonNode arithmetic(JsonNode a, JsonNode b) throws Unmappable {
      if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()
          && !op.equals("/")) {
        long x = a.asLong();
        long y = b.asLong();
        try {
          return switch (op) {
            case "+" -> LongNode.valueOf(Math.addExact(x, y));
            case "-" -> LongNode.valueOf(Math.subtractExact(x, y));
            case "*" -> LongNode.valueOf(Math.multiplyExact(x, y));
            default -> {
              if (y == 0) {
                throw new Unmappable("EXPRESSION_FAILED", "division by zero at column " + column);
              }
              yield LongNode.valueOf(x % y);
            }
          };
        } catch (ArithmeticException overflow) {
          // falls through to floating point, as JSON numbers have no fixed width
        }
      }
      double x = number(a, left, column);
      double y = number(b, right, column);
      double r = switch (op) {
        case "+" -> x + y;
        case "-" -> x - y;
        case "*" -> x * y;
        case "/" -> x / y;
        default -> x % y;
      };
      if (!Double.isFinite(r)) {
        throw new Unmappable("EXPRESSION_FAILED", "'" + op + "' at column " + column + " gives " + r
            + " (a JSON number must be finite)");
      }
      return DoubleNode.valueOf(r);
    }

    private int compare(JsonNode a, JsonNode b) throws Unmappable {
      if (a.isTextual() && b.isTextual()) {
        return a.asText().compareTo(b.asText());
      }
      return Double.compare(number(a, left, column), number(b, right, column));
    }

    private static boolean same(JsonNode a, JsonNode b) {
      if (a.isNumber() && b.isNumber()) {
        return a.asDouble() == b.asDouble();
      }
      return Objects.equals(a, b);
    }

    private static String text(JsonNode v) {
      return v.isTextual() ? v.asText() : v.toString();
    }

    static double number(JsonNode v, Expression of, int column) throws Unmappable {
      if (v.isNumber()) {
        return v.asDouble();
      }
      if (v.isTextual()) {
        try {
          return Double.parseDouble(v.asText().trim()); // devices often send numbers as strings
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw new Unmappable("TYPE_MISMATCH", of + (column > 0 ? " (column " + column + ")" : "")
          + " must be a number, not " + describe(v));
    }

    static boolean truth(JsonNode v, Expression of, int column) throws Unmappable {
      if (v.isBoolean()) {
        return v.asBoolean();
      }
      throw new Unmappable("TYPE_MISMATCH", of + " (column " + column + ") must be true or false, not " + describe(v));
    }

    private static String describe(JsonNode v) {
      String text = v.toString();
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    @Override
    public Kind kind() {
      return switch (op) {
        case "&&", "||", "==", "!=", "<", "<=", ">", ">=" -> Kind.BOOLEAN;
        case "/" -> Kind.NUMBER;
        case "+" -> left.kind() == Kind.STRING || right.kind() == Kind.STRING ? Kind.STRING
            : left.kind() == Kind.INTEGER && right.kind() == Kind.INTEGER ? Kind.INTEGER
            : left.kind() == Kind.ANY || right.kind() == Kind.ANY ? Kind.ANY : Kind.NUMBER;
        default -> left.kind() == Kind.INTEGER && right.kind() == Kind.INTEGER ? Kind.INTEGER : Kind.NUMBER;
      };
    }

    @Override
    public String toString() {
      return "(" + left + " " + op + " " + right + ")";
    }
  }

  static Expression literal(JsonNode value) {
    return new Literal(value);
  }

  static Expression nullLiteral() {
    return new Literal(NullNode.getInstance());
  }

  static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }
}
