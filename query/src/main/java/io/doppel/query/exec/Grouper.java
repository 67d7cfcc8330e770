package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.plan.Analyzed.GroupColumn;
import io.doppel.query.plan.Analyzed.Output;
import io.doppel.query.plan.Term;
import io.doppel.query.syntax.QueryErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Doppel's aggregation: folds rows into one accumulator set per distinct key tuple, holding only the groups (at
 * most {@code maxGroups}), then returns one object per group ordered by key.
 */
final class Grouper {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Output.Grouped spec;
  private final Evaluator evaluator;
  private final int maxGroups;
  private final Map<List<JsonNode>, Acc[]> groups = new HashMap<>();

  Grouper(Output.Grouped spec, Evaluator evaluator, int maxGroups) {
    this.spec = spec;
    this.evaluator = evaluator;
    this.maxGroups = maxGroups;
  }

  void add(Entity[] row) {
    List<JsonNode> key = new ArrayList<>(spec.keys().size());
    for (Term k : spec.keys()) {
      JsonNode v = evaluator.eval(k, row);
      key.add(v == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v);
    }
    Acc[] accs = groups.get(key);
    if (accs == null) {
      if (groups.size() >= maxGroups) {
        throw QueryErrors.tooExpensive("tooManyGroups", "maxGroups", "GROUP BY produced more than " + maxGroups
            + " groups; group by fewer distinct values or filter first");
      }
      accs = new Acc[spec.columns().size()];
      for (int i = 0; i < accs.length; i++) {
        accs[i] = new Acc();
      }
      groups.put(key, accs);
    }
    for (int i = 0; i < accs.length; i++) {
      if (spec.columns().get(i) instanceof GroupColumn.Of of) {
        accs[i].add(of, of.argument() == null ? null : evaluator.eval(of.argument(), row));
      }
    }
  }

  List<JsonNode> results() {
    if (groups.isEmpty() && spec.keys().isEmpty()) {
      Acc[] empty = new Acc[spec.columns().size()];
      Arrays.setAll(empty, i -> new Acc());
      groups.put(List.of(), empty);
    }
    List<List<JsonNode>> keys = new ArrayList<>(groups.keySet());
    keys.sort((a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = Values.TOTAL.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    List<JsonNode> out = new ArrayList<>(keys.size());
    for (List<JsonNode> key : keys) {
      Acc[] accs = groups.get(key);
      ObjectNode o = JSON.objectNode();
      for (int i = 0; i < accs.length; i++) {
        GroupColumn column = spec.columns().get(i);
        JsonNode v = switch (column) {
          case GroupColumn.Key k -> key.get(k.keyIndex()).isMissingNode() ? null : key.get(k.keyIndex());
          case GroupColumn.Of of -> accs[i].result(of);
        };
        if (v != null) {
          o.set(column.name(), v);
        }
      }
      out.add(o);
    }
    return out;
  }

  /** One aggregate's running state; which fields matter depends on the function. */
  private static final class Acc {
    long count;
    long numbers;
    double sum;
    boolean integral = true;
    @Nullable JsonNode best;

    void add(GroupColumn.Of of, @Nullable JsonNode v) {
      switch (of.function()) {
        case COUNT -> {
          if (of.argument() == null || v != null) {
            count++;
          }
        }
        case SUM, AVG -> {
          if (v != null && v.isNumber()) {
            numbers++;
            sum += v.doubleValue();
            integral &= v.isIntegralNumber();
          }
        }
        case MIN, MAX -> {
          if (v != null && (v.isNumber() || v.isTextual() || v.isBoolean())) {
            int c = best == null ? 0 : Values.TOTAL.compare(v, best);
            if (best == null || (of.function() == io.doppel.query.plan.Analyzed.Aggregate.MIN ? c < 0 : c > 0)) {
              best = v;
            }
          }
        }
      }
    }

    @Nullable JsonNode result(GroupColumn.Of of) {
      return switch (of.function()) {
        case COUNT -> JSON.numberNode(count);
        case SUM -> numbers == 0 ? null
            : integral && Math.abs(sum) < 9.0e15 ? JSON.numberNode((long) sum) : JSON.numberNode(sum);
        case AVG -> numbers == 0 ? null : JSON.numberNode(sum / numbers);
        case MIN, MAX -> best;
      };
    }
  }
}
