package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.model.Dtmi;
import io.doppel.query.plan.ModelMatch;
import io.doppel.query.plan.Term;
import io.doppel.query.spi.SeriesForecast;
import io.doppel.query.spi.TwinSignals;
import io.doppel.twin.GraphSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates terms over a row with ADT's semantics: a missing property is undefined, comparing different types is
 * undefined, and a row passes a filter only when it evaluates to true (so undefined never matches, even negated).
 */
final class Evaluator {
  /** Answers IS_OF_MODEL for a twin of the row. */
  interface ModelTest {
    boolean isOf(String twinId, Term.OfModel m);
  }

  private final ModelTest models;
  private final TwinSignals signals;
  /** Fixed per run, so that every row of a page is judged against the same time. */
  private final @Nullable Instant now;

  Evaluator(GraphSnapshot snapshot, TwinSignals signals) {
    this(snapshotModels(snapshot), signals);
  }

  Evaluator(ModelTest models) {
    this(models, TwinSignals.NONE);
  }

  Evaluator(ModelTest models, TwinSignals signals) {
    this.models = models;
    this.signals = signals;
    this.now = signals == TwinSignals.NONE ? null : signals.now();
  }

  /** The snapshot's model of each twin against the models each IS_OF_MODEL accepts, worked out once per run. */
  private static ModelTest snapshotModels(GraphSnapshot snapshot) {
    Map<Term.OfModel, Set<Dtmi>> acceptedModels = new HashMap<>();
    return (twinId, m) -> {
      Dtmi model = snapshot.modelOf(twinId);
      if (model == null) {
        return false;
      }
      Set<Dtmi> accepted = acceptedModels.computeIfAbsent(m,
          k -> ModelMatch.accepted(snapshot.models(), k.model(), k.exact()));
      return accepted.contains(model);
    };
  }

  boolean passes(Term term, Entity[] row) {
    JsonNode v = eval(term, row);
    return v != null && v.isBoolean() && v.booleanValue();
  }

  /** The value, or null for undefined. */
  @Nullable JsonNode eval(Term term, Entity[] row) {
    return switch (term) {
      case Term.Const c -> c.value();
      case Term.Prop p -> property(p, row);
      case Term.Compare c -> compare(c, row);
      case Term.In in -> in(in, row);
      case Term.And a -> and(a, row);
      case Term.Or o -> or(o, row);
      case Term.Not n -> {
        Boolean b = bool(eval(n.operand(), row));
        yield b == null ? null : BooleanNode.valueOf(!b);
      }
      case Term.Call c -> call(c, row);
      case Term.OfModel m -> ofModel(m, row);
      case Term.Signal s -> signal(s, row);
    };
  }

  private static @Nullable Boolean bool(@Nullable JsonNode v) {
    return v != null && v.isBoolean() ? v.booleanValue() : null;
  }

  private @Nullable JsonNode and(Term.And a, Entity[] row) {
    Boolean l = bool(eval(a.left(), row));
    if (Boolean.FALSE.equals(l)) {
      return BooleanNode.FALSE;
    }
    Boolean r = bool(eval(a.right(), row));
    if (Boolean.FALSE.equals(r)) {
      return BooleanNode.FALSE;
    }
    return l != null && r != null ? BooleanNode.TRUE : null;
  }

  private @Nullable JsonNode or(Term.Or o, Entity[] row) {
    Boolean l = bool(eval(o.left(), row));
    if (Boolean.TRUE.equals(l)) {
      return BooleanNode.TRUE;
    }
    Boolean r = bool(eval(o.right(), row));
    if (Boolean.TRUE.equals(r)) {
      return BooleanNode.TRUE;
    }
    return l != null && r != null ? BooleanNode.FALSE : null;
  }

  private @Nullable JsonNode property(Term.Prop p, Entity[] row) {
    Entity e = row[p.slot()];
    if (e == null) {
      return null;
    }
    if (e instanceof Entity.Twin t && p.isDtId()) {
      return TextNode.valueOf(t.id); // no need to decode the twin for its id
    }
    JsonNode node = e.json();
    for (String segment : p.path()) {
      if (!node.isObject()) {
        return null;
      }
      node = node.get(segment);
      if (node == null) {
        return null;
      }
    }
    return node.isMissingNode() ? null : node;
  }

  private @Nullable JsonNode compare(Term.Compare c, Entity[] row) {
    JsonNode l = eval(c.left(), row);
    JsonNode r = eval(c.right(), row);
    if (l == null || r == null) {
      return null;
    }
    switch (c.op()) {
      case EQ, NEQ -> {
        Boolean eq = Values.equal(l, r);
        return eq == null ? null : BooleanNode.valueOf(eq == (c.op() == io.doppel.query.syntax.Expr.CompareOp.EQ));
      }
      default -> {
        Integer order = Values.order(l, r);
        if (order == null) {
          return null;
        }
        return BooleanNode.valueOf(switch (c.op()) {
          case LT -> order < 0;
          case LE -> order <= 0;
          case GT -> order > 0;
          case GE -> order >= 0;
          default -> throw new IllegalStateException(c.op().name());
        });
      }
    }
  }

  private @Nullable JsonNode in(Term.In in, Entity[] row) {
    JsonNode v = eval(in.operand(), row);
    if (v == null) {
      return null;
    }
    boolean found = false;
    for (JsonNode candidate : in.values()) {
      if (Boolean.TRUE.equals(Values.equal(v, candidate))) {
        found = true;
        break;
      }
    }
    return BooleanNode.valueOf(found != in.negated());
  }

  private @Nullable JsonNode call(Term.Call c, Entity[] row) {
    JsonNode a = eval(c.args().get(0), row);
    return switch (c.fn()) {
      case IS_DEFINED -> BooleanNode.valueOf(a != null);
      case IS_NULL -> BooleanNode.valueOf(a != null && a.isNull());
      case IS_BOOL -> BooleanNode.valueOf(a != null && a.isBoolean());
      case IS_NUMBER -> BooleanNode.valueOf(a != null && a.isNumber());
      case IS_STRING -> BooleanNode.valueOf(a != null && a.isTextual());
      case IS_PRIMITIVE -> BooleanNode.valueOf(a != null && (a.isValueNode() || a.isNull()));
      case IS_OBJECT -> BooleanNode.valueOf(a != null && a.isObject());
      case STARTSWITH, ENDSWITH, CONTAINS -> {
        JsonNode b = eval(c.args().get(1), row);
        if (a == null || b == null || !a.isTextual() || !b.isTextual()) {
          yield null;
        }
        String s = a.textValue();
        String t = b.textValue();
        yield BooleanNode.valueOf(switch (c.fn()) {
          case STARTSWITH -> s.startsWith(t);
          case ENDSWITH -> s.endsWith(t);
          default -> s.contains(t);
        });
      }
      case ARRAY_CONTAINS -> {
        JsonNode b = eval(c.args().get(1), row);
        if (a == null || b == null || !a.isArray()) {
          yield null;
        }
        boolean found = false;
        for (JsonNode element : a) {
          if (Boolean.TRUE.equals(Values.equal(element, b))) {
            found = true;
            break;
          }
        }
        yield BooleanNode.valueOf(found);
      }
    };
  }

  private @Nullable JsonNode signal(Term.Signal s, Entity[] row) {
    if (!(row[s.slot()] instanceof Entity.Twin t)) {
      return null;
    }
    return switch (s.fn()) {
      case ANOMALY_SCORE -> {
        Double score = signals.anomalyScore(t.id, s.series());
        yield score == null ? null : DoubleNode.valueOf(score);
      }
      case IS_ANOMALOUS -> {
        Boolean anomalous = signals.anomalous(t.id, s.series());
        yield anomalous == null ? null : BooleanNode.valueOf(anomalous);
      }
      case WARNING_WITHIN -> {
        Instant at = signals.warningAt(t.id, s.series());
        yield BooleanNode.valueOf(at != null && now != null && s.within() != null
            && !at.isAfter(now.plus(s.within())));
      }
      case FORECAST -> {
        SeriesForecast f = forecast(t.id, s);
        Double v = f == null ? null : f.at(now.plus(s.within()));
        yield v == null ? null : DoubleNode.valueOf(v);
      }
      case FORECAST_CROSSES -> {
        SeriesForecast f = forecast(t.id, s);
        Boolean crosses = f == null ? null : f.crosses(s.threshold(), s.line(), now.plus(s.within()));
        yield crosses == null ? null : BooleanNode.valueOf(crosses);
      }
    };
  }

  private @Nullable SeriesForecast forecast(String twinId, Term.Signal s) {
    return now == null || s.within() == null ? null : signals.forecast(twinId, s.series(), s.within());
  }

  private @Nullable JsonNode ofModel(Term.OfModel m, Entity[] row) {
    if (!(row[m.slot()] instanceof Entity.Twin t)) {
      return null;
    }
    return BooleanNode.valueOf(models.isOf(t.id, m));
  }
}
