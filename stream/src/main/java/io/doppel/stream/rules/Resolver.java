package io.doppel.stream.rules;

import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.model.Schema;
import io.doppel.twin.DoppelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed expression against the rule's model and types it: every name of the twin must be a property or a
 * telemetry the model declares (or one inside a component), every {@code rel('x')} a relationship it declares, and
 * operators must get operands of fitting types. The twin's own names become {@link Expr.Read}s that know whether
 * they read a property or the latest telemetry.
 */
final class Resolver {
  /** The resolved expression and what it yields. */
  record Resolved(Expr expr, Type type) {}

  private final String field;
  private final String text;
  private final InterfaceModel model;
  private final ModelCatalog catalog;

  private Resolver(String field, String text, InterfaceModel model, ModelCatalog catalog) {
    this.field = field;
    this.text = text;
    this.model = model;
    this.catalog = catalog;
  }

  /** Parses and resolves expression field {@code field}. */
  static Resolved compile(String field, String text, InterfaceModel model, ModelCatalog catalog) {
    return new Resolver(field, text, model, catalog).resolve(ExprParser.parse(field, text));
  }

  private Resolved resolve(Expr e) {
    return switch (e) {
      case Expr.Literal l -> new Resolved(l, switch (l.value()) {
        case Double d -> Type.NUMBER;
        case Boolean b -> Type.BOOLEAN;
        default -> Type.STRING;
      });
      case Expr.Read r -> new Resolved(r, Type.ANY);
      case Expr.Path p -> self(p);
      case Expr.Unary u -> {
        Resolved operand = resolve(u.operand());
        Type wanted = u.op() == Expr.UnaryOp.NEG ? Type.NUMBER : Type.BOOLEAN;
        if (!operand.type().fits(wanted)) {
          throw typeError(u.pos(), (u.op() == Expr.UnaryOp.NEG ? "'-'" : "'not'") + " needs a " + wanted.label()
              + ", got a " + operand.type().label());
        }
        yield new Resolved(new Expr.Unary(u.op(), operand.expr(), u.pos()), wanted);
      }
      case Expr.Binary b -> binary(b);
      case Expr.Aggregate a -> aggregate(a);
      case Expr.Anomaly a -> {
        if (!(a.target() instanceof Expr.Path p)) {
          yield new Resolved(a, Type.NUMBER);
        }
        Resolved target = self(p);
        if (!target.type().fits(Type.NUMBER)) {
          throw typeError(a.pos(), "anomaly(...) needs a numeric property or telemetry, '" + p.dotted() + "' is "
              + target.type().label());
        }
        yield new Resolved(new Expr.Anomaly(target.expr(), a.pos()), Type.NUMBER);
      }
      case Expr.Warning w -> {
        if (!(w.target() instanceof Expr.Path p)) {
          yield new Resolved(w, Type.BOOLEAN);
        }
        Resolved target = self(p);
        if (!target.type().fits(Type.NUMBER)) {
          throw typeError(w.pos(), "warning(...) needs a numeric property or telemetry, '" + p.dotted() + "' is "
              + target.type().label());
        }
        yield new Resolved(new Expr.Warning(target.expr(), w.pos()), Type.BOOLEAN);
      }
    };
  }

  private Resolved binary(Expr.Binary b) {
    Resolved l = resolve(b.left());
    Resolved r = resolve(b.right());
    Expr out = new Expr.Binary(b.op(), l.expr(), r.expr(), b.pos());
    String op = "'" + b.op().symbol + "'";
    if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
      requireBoth(b, l, r, Type.BOOLEAN, op);
      return new Resolved(out, Type.BOOLEAN);
    }
    if (b.op().arithmetic()) {
      if (b.op() == Expr.BinaryOp.ADD && (l.type() == Type.STRING || r.type() == Type.STRING)) {
        requireBoth(b, l, r, Type.STRING, op);
        return new Resolved(out, Type.STRING);
      }
      requireBoth(b, l, r, Type.NUMBER, op);
      return new Resolved(out, l.type() == Type.ANY || r.type() == Type.ANY ? Type.ANY : Type.NUMBER);
    }
    if (!l.type().fits(r.type())) {
      throw typeError(b.pos(), op + " compares a " + l.type().label() + " with a " + r.type().label());
    }
    boolean ordering = b.op() != Expr.BinaryOp.EQ && b.op() != Expr.BinaryOp.NE;
    if (ordering && (l.type() == Type.BOOLEAN || r.type() == Type.BOOLEAN)) {
      throw typeError(b.pos(), op + " orders numbers or strings, not booleans");
    }
    return new Resolved(out, Type.BOOLEAN);
  }

  private void requireBoth(Expr.Binary b, Resolved l, Resolved r, Type wanted, String op) {
    if (!l.type().fits(wanted) || !r.type().fits(wanted)) {
      throw typeError(b.pos(), op + " needs " + wanted.label() + "s, got a " + l.type().label() + " and a "
          + r.type().label());
    }
  }

  private Resolved aggregate(Expr.Aggregate a) {
    Expr.Neighbours n = a.neighbours();
    @Nullable InterfaceModel target = null;
    if (n.direction() == Expr.Direction.OUT) {
      Content c = model.contents().get(n.name());
      if (!(c instanceof Content.Relationship rel)) {
        throw RuleErrors.at("UNKNOWN_NAME", field, text, n.pos(), "model " + model.id() + " declares no relationship '"
            + n.name() + "'" + (c == null ? "" : " ('" + n.name() + "' is a " + kind(c) + ")"));
      }
      target = rel.target() == null ? null : catalog.get(rel.target()).orElse(null);
    } else if (catalog.all().stream().noneMatch(m -> m.contents().get(n.name()) instanceof Content.Relationship)) {
      throw RuleErrors.at("UNKNOWN_NAME", field, text, n.pos(), "no model declares a relationship '" + n.name() + "'");
    }
    Type value = Type.ANY;
    if (a.path() != null && target != null) {
      // The relationship names its target model: its neighbours' names can be checked now, not found missing later.
      value = new Resolver(field, text, target, catalog).self(a.path()).type();
    }
    if (a.fn() != Expr.AggregateFn.COUNT && !value.fits(Type.NUMBER)) {
      throw typeError(a.pos(), a.fn().name().toLowerCase(Locale.ROOT) + " needs numbers, '"
          + a.path().dotted() + "' is a " + value.label());
    }
    return new Resolved(a, Type.NUMBER);
  }

  /** A name of the twin: a property, a telemetry, or either inside a component, then fields of an object. */
  private Resolved self(Expr.Path p) {
    List<String> segments = p.segments();
    InterfaceModel in = model;
    int next = 0;
    Content c = in.contents().get(segments.get(0));
    if (c instanceof Content.Component component) {
      if (segments.size() < 2) {
        throw unknown(p, "'" + segments.get(0) + "' is a component: name one of its properties, e.g. "
            + segments.get(0) + ".x");
      }
      in = catalog.get(component.schema()).orElseThrow(() -> unknown(p, "the component's model "
          + component.schema() + " is not loaded"));
      next = 1;
      c = in.contents().get(segments.get(1));
    }
    String name = segments.get(next);
    Expr.Source source;
    Schema schema;
    switch (c) {
      case Content.Property prop -> {
        source = Expr.Source.PROPERTY;
        schema = prop.schema();
      }
      case Content.Telemetry tel -> {
        source = Expr.Source.TELEMETRY;
        schema = tel.schema();
      }
      case null -> throw unknown(p, "model " + in.id() + " declares no property or telemetry '" + name + "'");
      default -> throw unknown(p, "'" + name + "' is a " + kind(c) + (c instanceof Content.Relationship
          ? ", not a value: aggregate over it, e.g. avg(rel('" + name + "').x)" : ", not a value"));
    }
    List<String> walked = new ArrayList<>(segments.subList(0, next + 1));
    for (String field : segments.subList(next + 1, segments.size())) {
      schema = switch (schema) {
        case Schema.ObjectSchema o -> o.fields().stream().filter(f -> f.name().equals(field)).findFirst()
            .map(Schema.Field::schema)
            .orElseThrow(() -> unknown(p, "'" + String.join(".", walked) + "' has no field '" + field + "'"));
        case Schema.MapSchema m -> m.valueSchema();
        default -> throw unknown(p, "'" + String.join(".", walked) + "' has no fields");
      };
      walked.add(field);
    }
    Type type = Type.of(schema);
    if (type == null) {
      throw typeError(p.pos(), "'" + p.dotted() + "' is not a number, string or boolean: name one of its fields");
    }
    return new Resolved(new Expr.Read(source, segments, p.pos()), type);
  }

  private static String kind(Content c) {
    return switch (c) {
      case Content.Property p -> "property";
      case Content.Telemetry t -> "telemetry";
      case Content.Command m -> "command";
      case Content.Relationship r -> "relationship";
      case Content.Component k -> "component";
    };
  }

  private DoppelException unknown(Expr.Path p, String message) {
    return RuleErrors.at("UNKNOWN_NAME", field, text, p.pos(), message);
  }

  private DoppelException typeError(int pos, String message) {
    return RuleErrors.at("TYPE", field, text, pos, message);
  }
}
