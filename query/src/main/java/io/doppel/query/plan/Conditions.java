package io.doppel.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.query.plan.Analyzed.Var;
import io.doppel.query.syntax.Expr;
import io.doppel.query.syntax.Position;
import io.doppel.query.syntax.QueryErrors;
import io.doppel.twin.DoppelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns WHERE expressions into terms: resolves names against the query's collections and checks what can be checked
 * without data (argument counts, constant types, lists only after IN). Run-time type differences are not errors.
 */
final class Conditions {
  /**
   * Values an IN or NIN list may hold. ADT's query reference says 100 (its limits table says 50, adjustable): Doppel
   * takes the larger, so every query ADT's language reference allows runs here.
   */
  static final int MAX_IN_VALUES = 100;

  private final List<Var> vars;
  private final Map<String, Var> byName;

  private final SignalCalls signals;

  Conditions(List<Var> vars, Map<String, Var> byName) {
    this.vars = vars;
    this.byName = byName;
    this.signals = new SignalCalls(vars, byName);
  }

  Term.Prop resolve(Expr.Ref ref) {
    List<String> segments = ref.segments();
    Var v = byName.get(segments.get(0));
    if (v != null) {
      return new Term.Prop(v.slot(), segments.subList(1, segments.size()), ref.text());
    }
    if (vars.size() == 1) {
      return new Term.Prop(vars.get(0).slot(), segments, ref.text());
    }
    throw QueryErrors.invalid("unknownCollection", ref.pos(), "'" + segments.get(0) + "' is not a collection of this "
        + "query; with several collections, name the one you mean: " + byName.keySet() + " ('T.property')");
  }

  Term condition(Expr expr) {
    return switch (expr) {
      case Expr.And a -> new Term.And(condition(a.left()), condition(a.right()));
      case Expr.Or o -> new Term.Or(condition(o.left()), condition(o.right()));
      case Expr.Not n -> new Term.Not(condition(n.operand()));
      case Expr.Compare c -> new Term.Compare(c.op(), value(c.left()), value(c.right()));
      case Expr.In in -> in(in);
      case Expr.Call call -> call(call);
      case Expr.Ref ref -> property(ref);
      case Expr.Literal lit when lit.value().isBoolean() -> new Term.Const(lit.value());
      case Expr.Literal lit -> throw typeMismatch(lit.pos(), "expected a condition, found " + lit.value());
      case Expr.ListLiteral list -> throw typeMismatch(list.pos(), "expected a condition, found a list");
    };
  }

  static DoppelException typeMismatch(Position pos, String message) {
    return QueryErrors.invalid("typeMismatch", pos, message);
  }

  Term.Prop property(Expr.Ref ref) {
    Term.Prop p = resolve(ref);
    if (p.path().isEmpty()) {
      throw typeMismatch(ref.pos(), "'" + ref.text() + "' is a whole collection, not a value: use "
          + ref.text() + ".<property>");
    }
    return p;
  }

  private Term value(Expr expr) {
    return switch (expr) {
      case Expr.Literal lit -> new Term.Const(lit.value());
      case Expr.Ref ref -> property(ref);
      case Expr.Call call -> call(call);
      case Expr.ListLiteral list -> throw typeMismatch(list.pos(), "a list is only allowed after IN or NIN");
      default -> condition(expr);
    };
  }

  private Term in(Expr.In in) {
    if (!(in.list() instanceof Expr.ListLiteral list)) {
      throw typeMismatch(in.list().pos(), (in.negated() ? "NIN" : "IN") + " needs a list of values like ['a', 'b']");
    }
    if (list.items().size() > MAX_IN_VALUES) {
      throw QueryErrors.invalid("tooManyInValues", list.items().get(MAX_IN_VALUES).pos(), (in.negated() ? "NIN" : "IN")
          + " takes at most " + MAX_IN_VALUES + " values (as in Azure Digital Twins); this list has "
          + list.items().size());
    }
    List<JsonNode> values = new ArrayList<>();
    for (Expr item : list.items()) {
      if (!(item instanceof Expr.Literal lit)) {
        throw typeMismatch(item.pos(), "the list after " + (in.negated() ? "NIN" : "IN") + " may hold values only");
      }
      values.add(lit.value());
    }
    return new Term.In(value(in.operand()), values, in.negated());
  }

  private Term call(Expr.Call call) {
    if (call.name().equals("IS_OF_MODEL")) {
      return ofModel(call);
    }
    Term.Signal signal = signal(call);
    if (signal != null) {
      return signal;
    }
    Term.Fn fn;
    try {
      fn = Term.Fn.valueOf(call.name());
    } catch (IllegalArgumentException unknown) {
      if (Outputs.aggregate(call.name()) != null) {
        throw QueryErrors.invalid("aggregateNotAllowed", call.pos(), call.name() + "() is only allowed in SELECT");
      }
      throw QueryErrors.invalid("unknownFunction", call.pos(), "unknown function " + call.name() + "(); known: "
          + "IS_OF_MODEL, ANOMALY_SCORE, IS_ANOMALOUS, WARNING_WITHIN, FORECAST, FORECAST_CROSSES, "
          + String.join(", ", Arrays.stream(Term.Fn.values()).map(Enum::name).toList()));
    }
    if (call.args().size() != fn.arity) {
      throw QueryErrors.invalid("wrongArgumentCount", call.pos(), fn.name() + " takes " + fn.arity
          + " argument" + (fn.arity == 1 ? "" : "s") + ", found " + call.args().size());
    }
    List<Term> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      Term t = value(arg);
      if (t instanceof Term.Const c && fn.takesStrings() && !c.value().isTextual()) {
        throw typeMismatch(arg.pos(), fn.name() + " compares strings; found " + c.value());
      }
      args.add(t);
    }
    if (fn == Term.Fn.ARRAY_CONTAINS && args.get(1) instanceof Term.Const c && !c.value().isValueNode()) {
      throw typeMismatch(call.args().get(1).pos(), "ARRAY_CONTAINS looks for a string, number or boolean");
    }
    return new Term.Call(fn, args);
  }

  /** The call as a signal term when it names a signal function (in WHERE or as a projection); null otherwise. */
  Term.@Nullable Signal signal(Expr.Call call) {
    return signals.signal(call);
  }

  private Term ofModel(Expr.Call call) {
    List<Expr> args = call.args();
    if (args.isEmpty() || args.size() > 2) {
      throw QueryErrors.invalid("wrongArgumentCount", call.pos(),
          "IS_OF_MODEL takes ([collection,] 'model id' [, exact]), found " + args.size() + " arguments");
    }
    Var twin;
    if (args.size() == 2) {
      if (!(args.get(0) instanceof Expr.Ref ref) || ref.segments().size() != 1
          || byName.get(ref.segments().get(0)) == null) {
        throw typeMismatch(args.get(0).pos(), "the first argument of IS_OF_MODEL must name a twin collection");
      }
      twin = byName.get(ref.segments().get(0));
    } else {
      List<Var> twins = vars.stream().filter(v -> !v.relationship()).toList();
      if (twins.size() != 1) {
        throw QueryErrors.invalid("ambiguousCollection", call.pos(),
            "with several twin collections, say which: IS_OF_MODEL(T, 'dtmi:...')");
      }
      twin = twins.get(0);
    }
    if (twin.relationship()) {
      throw typeMismatch(args.get(0).pos(), "IS_OF_MODEL applies to twins, and '" + twin.name() + "' is relationships");
    }
    Expr model = args.get(args.size() - 1);
    if (!(model instanceof Expr.Literal lit) || !lit.value().isTextual()) {
      throw typeMismatch(model.pos(), "IS_OF_MODEL needs the model id as a string, like 'dtmi:com:example:Room;1'");
    }
    if (!Dtmi.isValid(lit.value().asText())) {
      throw QueryErrors.invalid("invalidModelId", model.pos(), "'" + lit.value().asText() + "' is not a DTMI");
    }
    return new Term.OfModel(twin.slot(), twin.name(), new Dtmi(lit.value().asText()), call.exact());
  }
}
