package io.doppel.query.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An expression as written: literals, references, operators and function calls, each with its position. */
public sealed interface Expr {
  Position pos();

  /** A JSON literal: string, number, {@code true}, {@code false} or {@code null}. */
  record Literal(JsonNode value, Position pos) implements Expr {}

  /** A bracketed list, as {@code IN} and {@code NIN} take. */
  record ListLiteral(List<Expr> items, Position pos) implements Expr {
    public ListLiteral {
      items = List.copyOf(items);
    }
  }

  /**
   * A dotted name: a collection ({@code T}), a property of one ({@code T.name}, {@code T.$metadata.$model}), or an
   * unqualified property ({@code temperature}) when the query has a single collection. Resolved by the planner.
   */
  record Ref(List<String> segments, Position pos) implements Expr {
    public Ref {
      segments = List.copyOf(segments);
    }

    public String text() {
      return String.join(".", segments);
    }
  }

  record Not(Expr operand, Position pos) implements Expr {}

  record And(Expr left, Expr right, Position pos) implements Expr {}

  record Or(Expr left, Expr right, Position pos) implements Expr {}

  enum CompareOp {
    EQ("="), NEQ("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    public final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }

    /** The same comparison with its operands swapped ({@code 5 < x} is {@code x > 5}). */
    public CompareOp flipped() {
      return switch (this) {
        case EQ, NEQ -> this;
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
      };
    }
  }

  record Compare(CompareOp op, Expr left, Expr right, Position pos) implements Expr {}

  /** {@code x IN [...]}, or {@code x NIN [...]} when negated. */
  record In(Expr operand, Expr list, boolean negated, Position pos) implements Expr {}

  /** A function call; {@code name} is upper-cased. {@code exact} in IS_OF_MODEL is the flag {@link #exact()}. */
  record Call(String name, List<Expr> args, boolean exact, Position pos) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }
}
