package io.doppel.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.model.Dtmi;
import io.doppel.query.spi.SeriesForecast;
import io.doppel.query.syntax.Expr.CompareOp;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resolved, type-checked expression: collection names replaced by row slots, functions by {@link Fn}. Evaluation
 * yields a JSON value or "undefined" (a missing property, or a comparison between different types).
 */
public sealed interface Term {
  record Const(JsonNode value) implements Term {}

  /** The value at {@code path} inside the entity in {@code slot}; an empty path is the entity itself. */
  record Prop(int slot, List<String> path, String text) implements Term {
    public Prop {
      path = List.copyOf(path);
    }

    public boolean isDtId() {
      return path.size() == 1 && path.get(0).equals("$dtId");
    }

    public String dotted() {
      return String.join(".", path);
    }
  }

  record Compare(CompareOp op, Term left, Term right) implements Term {}

  record In(Term operand, List<JsonNode> values, boolean negated) implements Term {
    public In {
      values = List.copyOf(values);
    }
  }

  record And(Term left, Term right) implements Term {}

  record Or(Term left, Term right) implements Term {}

  record Not(Term operand) implements Term {}

  record Call(Fn fn, List<Term> args) implements Term {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code IS_OF_MODEL}: the twin in {@code slot} has a model {@link ModelMatch} accepts for {@code model}. */
  record OfModel(int slot, String collection, Dtmi model, boolean exact) implements Term {}

  /**
   * A live signal of the series {@code series} of the twin in {@code slot} (Doppel extensions answered by
   * {@link io.doppel.query.spi.TwinSignals}); {@code within} for the functions that take a duration,
   * {@code threshold} and {@code line} only for {@code FORECAST_CROSSES}.
   */
  record Signal(SignalFn fn, int slot, String collection, String series, @Nullable Duration within,
      @Nullable Double threshold, SeriesForecast.@Nullable Line line) implements Term {}

  /** The signal functions, the arguments they take after the optional collection, and how many may be left out. */
  enum SignalFn {
    ANOMALY_SCORE(1, 0), IS_ANOMALOUS(1, 0), WARNING_WITHIN(2, 0), FORECAST(2, 0), FORECAST_CROSSES(3, 1);

    public final int arity;
    /** Trailing arguments that may be left out (FORECAST_CROSSES's line). */
    public final int optional;

    SignalFn(int arity, int optional) {
      this.arity = arity;
      this.optional = optional;
    }

    static @Nullable SignalFn of(String name) {
      for (SignalFn fn : values()) {
        if (fn.name().equals(name)) {
          return fn;
        }
      }
      return null;
    }
  }

  /** The functions of ADT's query language other than IS_OF_MODEL, with their argument counts. */
  enum Fn {
    IS_DEFINED(1), IS_NULL(1), IS_BOOL(1), IS_NUMBER(1), IS_STRING(1), IS_PRIMITIVE(1), IS_OBJECT(1),
    STARTSWITH(2), ENDSWITH(2), CONTAINS(2), ARRAY_CONTAINS(2);

    public final int arity;

    Fn(int arity) {
      this.arity = arity;
    }

    public boolean takesStrings() {
      return this == STARTSWITH || this == ENDSWITH || this == CONTAINS;
    }
  }

  /** Bit {@code i} set when the term reads slot {@code i}. */
  static long slots(Term term) {
    return switch (term) {
      case Const c -> 0L;
      case Prop p -> 1L << p.slot();
      case Compare c -> slots(c.left()) | slots(c.right());
      case In in -> slots(in.operand());
      case And a -> slots(a.left()) | slots(a.right());
      case Or o -> slots(o.left()) | slots(o.right());
      case Not n -> slots(n.operand());
      case Call c -> c.args().stream().mapToLong(Term::slots).reduce(0L, (a, b) -> a | b);
      case OfModel m -> 1L << m.slot();
      case Signal s -> 1L << s.slot();
    };
  }

  /** A canonical text of the term, for EXPLAIN. */
  static String text(Term term) {
    return switch (term) {
      case Const c -> c.value().isTextual() ? "'" + c.value().asText().replace("'", "\\'") + "'" : c.value().toString();
      case Prop p -> p.text();
      case Compare c -> text(c.left()) + " " + c.op().symbol + " " + text(c.right());
      case In in -> text(in.operand()) + (in.negated() ? " NIN " : " IN ")
          + in.values().stream().map(v -> text(new Const(v))).toList().toString();
      case And a -> "(" + text(a.left()) + " AND " + text(a.right()) + ")";
      case Or o -> "(" + text(o.left()) + " OR " + text(o.right()) + ")";
      case Not n -> "NOT " + text(n.operand());
      case Call c -> c.fn().name() + "(" + String.join(", ", c.args().stream().map(Term::text).toList()) + ")";
      case OfModel m -> "IS_OF_MODEL(" + (m.collection().isEmpty() ? "" : m.collection() + ", ") + "'"
          + m.model().value() + "'" + (m.exact() ? ", exact" : "") + ")";
      case Signal s -> s.fn().name() + "(" + (s.collection().isEmpty() ? "" : s.collection() + ", ")
          + text(new Const(TextNode.valueOf(s.series())))
          + (s.threshold() == null ? "" : ", " + java.math.BigDecimal.valueOf(s.threshold()).stripTrailingZeros().toPlainString())
          + (s.within() == null ? "" : ", '" + s.within() + "'")
          + (s.line() == null ? "" : ", '" + s.line().name().toLowerCase(java.util.Locale.ROOT) + "'") + ")";
    };
  }
}
