package io.doppel.stream.rules;

import io.doppel.stream.rules.Expr.BinaryOp;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a resolved expression. Missing data is {@code null} and spreads (a missing temperature makes
 * {@code temperature > 30} unknown, not false), except that {@code and}/{@code or} decide when one side does
 * ({@code false and unknown} is false). Division by zero is unknown too: a rule never writes an infinity.
 */
final class Evaluator {
  private Evaluator() {}

  static @Nullable Object eval(Expr e, Scope scope) {
    return switch (e) {
      case Expr.Literal l -> l.value();
      case Expr.Read r -> scope.read(r.source(), r.segments());
      case Expr.Path p -> scope.any(p.segments());
      case Expr.Unary u -> {
        Object v = eval(u.operand(), scope);
        yield switch (u.op()) {
          case NEG -> v instanceof Double d ? -d : null;
          case NOT -> v instanceof Boolean b ? !b : null;
        };
      }
      case Expr.Binary b -> binary(b, scope);
      case Expr.Aggregate a -> aggregate(a, scope);
      case Expr.Anomaly a -> a.target() instanceof Expr.Read r ? scope.anomaly(r.segments())
          : a.target() instanceof Expr.Path p ? scope.anomaly(p.segments()) : null;
      case Expr.Warning w -> w.target() instanceof Expr.Read r ? scope.warning(r.segments())
          : w.target() instanceof Expr.Path p ? scope.warning(p.segments()) : null;
    };
  }

  /** True only when {@code e} is known and true: an alert's condition on missing data does not hold. */
  static boolean holds(Expr e, Scope scope) {
    return Boolean.TRUE.equals(eval(e, scope));
  }

  private static @Nullable Object binary(Expr.Binary b, Scope scope) {
    Object l = eval(b.left(), scope);
    if (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR) {
      boolean decisive = b.op() == BinaryOp.OR;
      if (Boolean.valueOf(decisive).equals(l)) {
        return decisive;
      }
      Object r = eval(b.right(), scope);
      if (Boolean.valueOf(decisive).equals(r)) {
        return decisive;
      }
      return l instanceof Boolean && r instanceof Boolean ? !decisive : null;
    }
    Object r = eval(b.right(), scope);
    if (l == null || r == null) {
      return null;
    }
    if (b.op().arithmetic()) {
      if (b.op() == BinaryOp.ADD && l instanceof String ls && r instanceof String rs) {
        return ls + rs;
      }
      if (!(l instanceof Double x) || !(r instanceof Double y)) {
        return null;
      }
      double out = switch (b.op()) {
        case ADD -> x + y;
        case SUB -> x - y;
        case MUL -> x * y;
        case DIV -> x / y;
        default -> x % y;
      };
      return Double.isFinite(out) ? out : null;
    }
    return compare(b.op(), l, r);
  }

  private static @Nullable Object compare(BinaryOp op, Object l, Object r) {
    if (op == BinaryOp.EQ || op == BinaryOp.NE) {
      boolean equal = l instanceof Double x && r instanceof Double y ? x.doubleValue() == y.doubleValue()
          : l.equals(r);
      return op == BinaryOp.EQ ? equal : !equal;
    }
    int c;
    if (l instanceof Double x && r instanceof Double y) {
      c = Double.compare(x, y);
    } else if (l instanceof String x && r instanceof String y) {
      c = x.compareTo(y);
    } else {
      return null;
    }
    return switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      default -> c >= 0;
    };
  }

  private static @Nullable Object aggregate(Expr.Aggregate a, Scope scope) {
    List<Scope> neighbours = scope.neighbours(a.neighbours().direction(), a.neighbours().name());
    Expr.Path path = a.path();
    if (path == null) {
      return (double) neighbours.size();
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (Scope neighbour : neighbours) {
      Object v = neighbour.any(path.segments());
      if (a.fn() == Expr.AggregateFn.COUNT) {
        n += v == null ? 0 : 1;
        continue;
      }
      if (v instanceof Double d) {
        sum += d;
        min = Math.min(min, d);
        max = Math.max(max, d);
        n++;
      }
    }
    return switch (a.fn()) {
      case COUNT -> (double) n;
      case SUM -> sum;
      case AVG -> n == 0 ? null : sum / n;
      case MIN -> n == 0 ? null : min;
      case MAX -> n == 0 ? null : max;
    };
  }
}
