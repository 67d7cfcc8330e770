package io.doppel.query.plan;

import io.doppel.query.plan.Analyzed.Var;
import io.doppel.query.spi.SeriesForecast;
import io.doppel.query.syntax.Expr;
import io.doppel.query.syntax.Position;
import io.doppel.query.syntax.QueryErrors;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the calls of the signal functions ({@code ANOMALY_SCORE}, ..., {@code FORECAST_CROSSES}) and resolves them
 * to terms: which twin collection, the series, and the threshold, duration and line where the function takes them.
 */
final class SignalCalls {
  private final List<Var> vars;
  private final Map<String, Var> byName;

  SignalCalls(List<Var> vars, Map<String, Var> byName) {
    this.vars = vars;
    this.byName = byName;
  }

  /** The call as a signal term when it names a signal function; null otherwise. */
  Term.@Nullable Signal signal(Expr.Call call) {
    Term.SignalFn fn = Term.SignalFn.of(call.name());
    return fn == null ? null : signal(fn, call);
  }

  /**
   * {@code FN([collection,] 'series' [, threshold] [, 'PT24H'] [, 'line'])}: the collection may be left out when there
   * is one twin collection.
   */
  private Term.Signal signal(Term.SignalFn fn, Expr.Call call) {
    List<Expr> args = call.args();
    boolean named = named(fn, args);
    int given = args.size() - (named ? 1 : 0);
    if (given < fn.arity || given > fn.arity + fn.optional) {
      throw QueryErrors.invalid("wrongArgumentCount", call.pos(), fn.name() + " takes " + signature(fn)
          + ", found " + args.size() + " arguments");
    }
    Var twin = named ? twinNamed(fn.name(), args.get(0)) : onlyTwin(fn.name(), call.pos());
    int at = named ? 1 : 0;
    Expr series = args.get(at);
    if (!(series instanceof Expr.Literal lit) || !lit.value().isTextual() || lit.value().asText().isBlank()) {
      throw Conditions.typeMismatch(series.pos(), fn.name() + " needs the series name as a string, like 'temperature'");
    }
    Double threshold = null;
    if (fn == Term.SignalFn.FORECAST_CROSSES) {
      threshold = threshold(fn, args.get(++at));
    }
    Duration within = null;
    if (fn.arity > 1) {
      within = duration(fn, args.get(++at));
    }
    SeriesForecast.Line line = null;
    if (fn == Term.SignalFn.FORECAST_CROSSES) {
      line = at + 1 < args.size() ? line(args.get(at + 1)) : SeriesForecast.Line.POINT;
    }
    return new Term.Signal(fn, twin.slot(), named ? twin.name() : "", lit.value().asText(), within, threshold,
        line);
  }

  /**
   * Whether the first argument is the collection: by the count for the functions without optional arguments, else
   * (the count cannot tell) by whether it is a name rather than the series' string.
   */
  private static boolean named(Term.SignalFn fn, List<Expr> args) {
    if (fn.optional > 0) {
      return !args.isEmpty() && args.get(0) instanceof Expr.Ref;
    }
    return args.size() > fn.arity;
  }

  private static String signature(Term.SignalFn fn) {
    return switch (fn) {
      case ANOMALY_SCORE, IS_ANOMALOUS -> "([collection,] 'series')";
      case WARNING_WITHIN, FORECAST -> "([collection,] 'series', 'duration')";
      case FORECAST_CROSSES -> "([collection,] 'series', threshold, 'duration' [, 'point'|'upper'|'lower'])";
    };
  }

  private static double threshold(Term.SignalFn fn, Expr arg) {
    if (!(arg instanceof Expr.Literal lit) || !lit.value().isNumber()) {
      throw Conditions.typeMismatch(arg.pos(), fn.name() + " needs the threshold as a number, like 90");
    }
    return lit.value().doubleValue();
  }

  private static Duration duration(Term.SignalFn fn, Expr d) {
    if (!(d instanceof Expr.Literal dl) || !dl.value().isTextual()) {
      throw Conditions.typeMismatch(d.pos(), fn.name() + " needs an ISO-8601 duration as a string, like 'PT24H'");
    }
    Duration within;
    try {
      within = Duration.parse(dl.value().asText());
    } catch (DateTimeParseException e) {
      throw QueryErrors.invalid("invalidDuration", d.pos(), "'" + dl.value().asText()
          + "' is not an ISO-8601 duration such as PT24H");
    }
    if (within.isNegative()) {
      throw QueryErrors.invalid("invalidDuration", d.pos(), "the duration must not be negative");
    }
    if (within.isZero() && fn != Term.SignalFn.WARNING_WITHIN) {
      throw QueryErrors.invalid("invalidDuration", d.pos(), fn.name() + " looks ahead: the duration must be positive");
    }
    return within;
  }

  private static SeriesForecast.Line line(Expr arg) {
    if (arg instanceof Expr.Literal lit && lit.value().isTextual()) {
      for (SeriesForecast.Line line : SeriesForecast.Line.values()) {
        if (line.name().equalsIgnoreCase(lit.value().asText())) {
          return line;
        }
      }
    }
    throw QueryErrors.invalid("invalidForecastLine", arg.pos(),
        "FORECAST_CROSSES follows 'point' (the default), 'upper' or 'lower' (the 80% bounds); found "
            + (arg instanceof Expr.Literal lit ? lit.value().toString() : "an expression"));
  }

  private Var twinNamed(String fn, Expr arg) {
    if (!(arg instanceof Expr.Ref ref) || ref.segments().size() != 1 || byName.get(ref.segments().get(0)) == null) {
      throw Conditions.typeMismatch(arg.pos(), "the first argument of " + fn + " must name a twin collection");
    }
    Var twin = byName.get(ref.segments().get(0));
    if (twin.relationship()) {
      throw Conditions.typeMismatch(arg.pos(), fn + " applies to twins, and '" + twin.name() + "' is relationships");
    }
    return twin;
  }

  private Var onlyTwin(String fn, Position pos) {
    List<Var> twins = vars.stream().filter(v -> !v.relationship()).toList();
    if (twins.size() != 1) {
      throw QueryErrors.invalid("ambiguousCollection", pos, "with several twin collections, say which: " + fn
          + "(T, 'series')");
    }
    return twins.get(0);
  }
}
