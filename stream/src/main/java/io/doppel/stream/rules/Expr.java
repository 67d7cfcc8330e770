package io.doppel.stream.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed rule expression. Every node keeps the offset in the source text where it starts, so that errors found
 * after parsing (an unknown property, a type that does not fit) still point at the right place.
 */
sealed interface Expr {
  int pos();

  /** A number ({@link Double}), string or boolean written in the expression. */
  record Literal(Object value, int pos) implements Expr {}

  /** A dotted name as written: {@code temperature}, {@code thermostat.setPoint}. */
  record Path(List<String> segments, int pos) implements Expr {
    public Path {
      segments = List.copyOf(segments);
    }

    String dotted() {
      return String.join(".", segments);
    }
  }

  /** A path of the twin itself once resolved against its model: a property, or the latest value of a telemetry. */
  record Read(Source source, List<String> segments, int pos) implements Expr {
    public Read {
      segments = List.copyOf(segments);
    }
  }

  enum Source { PROPERTY, TELEMETRY }

  /**
   * {@code anomaly(temperature)}: the anomaly score in [0, 1] of the twin's latest value of a numeric property or
   * telemetry; {@code target} is a {@link Path} as parsed and a {@link Read} once resolved.
   */
  record Anomaly(Expr target, int pos) implements Expr {}

  /**
   * {@code warning(temperature)}: true while a time-to-threshold warning is in force on the twin's series (its
   * forecast crosses a warning's threshold within the warning's horizon), else false.
   */
  record Warning(Expr target, int pos) implements Expr {}

  record Unary(UnaryOp op, Expr operand, int pos) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, int pos) implements Expr {}

  /**
   * {@code avg(rel('contains').temperature)}: {@code path} read on every neighbour (property first, else the
   * neighbour's latest telemetry of that name); null only for {@code count(rel('x'))}, which counts neighbours.
   */
  record Aggregate(AggregateFn fn, Neighbours neighbours, @Nullable Path path, int pos) implements Expr {}

  /** The twins reached over relationships named {@code name}: outgoing ({@code rel}) or incoming ({@code rel_in}). */
  record Neighbours(Direction direction, String name, int pos) {}

  enum Direction {
    OUT("rel"), IN("rel_in");

    final String keyword;

    Direction(String keyword) {
      this.keyword = keyword;
    }
  }

  enum UnaryOp { NEG, NOT }

  enum BinaryOp {
    OR("or"), AND("and"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), ADD("+"), SUB("-"), MUL("*"),
    DIV("/"), MOD("%");

    final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    boolean comparison() {
      return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    boolean arithmetic() {
      return this == ADD || this == SUB || this == MUL || this == DIV || this == MOD;
    }
  }

  enum AggregateFn { AVG, MIN, MAX, SUM, COUNT }
}
