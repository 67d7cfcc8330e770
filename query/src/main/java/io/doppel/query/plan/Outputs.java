package io.doppel.query.plan;

import io.doppel.query.plan.Analyzed.Aggregate;
import io.doppel.query.plan.Analyzed.Column;
import io.doppel.query.plan.Analyzed.GroupColumn;
import io.doppel.query.plan.Analyzed.Output;
import io.doppel.query.plan.Analyzed.Var;
import io.doppel.query.syntax.Expr;
import io.doppel.query.syntax.Position;
import io.doppel.query.syntax.Query;
import io.doppel.query.syntax.Query.From;
import io.doppel.query.syntax.QueryErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What each result row holds: {@code SELECT *}, named columns, or groups and aggregates; checks the SELECT clause. */
final class Outputs {
  private final List<Var> vars;
  private final Map<String, Var> byName;
  private final Conditions conditions;

  Outputs(List<Var> vars, Map<String, Var> byName, Conditions conditions) {
    this.vars = vars;
    this.byName = byName;
    this.conditions = conditions;
  }

  static @Nullable Aggregate aggregate(String name) {
    try {
      return Aggregate.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  Output output(Query query) {
    Query.Select select = query.select();
    if (select.star()) {
      if (!query.groupBy().isEmpty()) {
        throw QueryErrors.invalid("invalidGroupBy", select.pos(), "GROUP BY needs named columns, not SELECT *");
      }
      if (query.from() instanceof From.Match m) {
        return matchStar(m, select.pos());
      }
      if (vars.size() != 1) {
        throw QueryErrors.invalid("selectStarNotAllowed", select.pos(), "SELECT * is not allowed with JOIN (as in "
            + "Azure Digital Twins): name the collections, SELECT " + String.join(", ", byName.keySet()));
      }
      return new Output.Star(vars.get(0).slot());
    }
    boolean grouped = !query.groupBy().isEmpty() || select.columns().stream()
        .anyMatch(c -> c.expr() instanceof Expr.Call call && aggregate(call.name()) != null);
    Set<String> names = new HashSet<>();
    if (!grouped) {
      List<Column> columns = new ArrayList<>();
      for (Query.Column c : select.columns()) {
        Term.Signal signal = c.expr() instanceof Expr.Call call ? conditions.signal(call) : null;
        if (signal != null) {
          columns.add(new Column(named(c, signal.fn().name(), names), signal));
          continue;
        }
        if (!(c.expr() instanceof Expr.Ref ref)) {
          throw Conditions.typeMismatch(c.pos(), "a projection is a collection, a property or a signal function "
              + "such as FORECAST (or an aggregate with GROUP BY)");
        }
        Term.Prop p = conditions.resolve(ref);
        columns.add(new Column(columnName(c, p, names), p));
      }
      return new Output.Columns(columns);
    }
    List<Term> keys = new ArrayList<>();
    for (Expr e : query.groupBy()) {
      if (!(e instanceof Expr.Ref ref)) {
        throw QueryErrors.invalid("invalidGroupBy", e.pos(), "GROUP BY takes properties, like T.floor");
      }
      keys.add(conditions.property(ref));
    }
    List<GroupColumn> columns = new ArrayList<>();
    for (Query.Column c : select.columns()) {
      if (c.expr() instanceof Expr.Call call && aggregate(call.name()) != null) {
        columns.add(aggregateColumn(c, call, names));
      } else if (c.expr() instanceof Expr.Ref ref) {
        Term.Prop p = conditions.resolve(ref);
        int key = -1;
        for (int i = 0; i < keys.size(); i++) {
          Term.Prop k = (Term.Prop) keys.get(i);
          if (k.slot() == p.slot() && k.path().equals(p.path())) {
            key = i;
          }
        }
        if (key < 0) {
          throw QueryErrors.invalid("invalidGroupBy", c.pos(), "'" + ref.text()
              + "' must be a GROUP BY key or inside an aggregate (COUNT, SUM, AVG, MIN, MAX)");
        }
        columns.add(new GroupColumn.Key(columnName(c, p, names), key));
      } else {
        throw Conditions.typeMismatch(c.pos(), "a projection is a collection, a property or an aggregate");
      }
    }
    return new Output.Grouped(keys, columns);
  }

  /**
   * {@code SELECT *} with MATCH, as ADT answers it: each row holds every named twin and relationship of the pattern,
   * keyed by its name, in pattern order, as if they were all projected ({@code SELECT a, r, b}).
   */
  private Output matchStar(From.Match m, Position pos) {
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < m.nodes().size(); i++) {
      addNamed(m.nodes().get(i).variable(), columns, seen);
      if (i < m.edges().size()) {
        addNamed(m.edges().get(i).variable(), columns, seen);
      }
    }
    if (columns.isEmpty()) {
      throw QueryErrors.invalid("unnamedCollection", pos, "SELECT * with MATCH returns the named twins and "
          + "relationships of the pattern, and this one names none: write MATCH (a)-[...]->(b)");
    }
    return new Output.Columns(columns);
  }

  /** The collection {@code name} as a column, once however often the pattern names it; nothing when unnamed. */
  private void addNamed(@Nullable String name, List<Column> columns, Set<String> seen) {
    if (name != null && seen.add(name)) {
      columns.add(new Column(name, new Term.Prop(byName.get(name).slot(), List.of(), name)));
    }
  }

  private GroupColumn aggregateColumn(Query.Column c, Expr.Call call, Set<String> names) {
    Aggregate fn = aggregate(call.name());
    Term arg = null;
    if (fn == Aggregate.COUNT) {
      if (call.args().size() > 1) {
        throw QueryErrors.invalid("wrongArgumentCount", call.pos(), "COUNT takes no argument or one property");
      }
      if (call.args().size() == 1) {
        arg = aggregateArgument(call);
      }
    } else {
      if (call.args().size() != 1) {
        throw QueryErrors.invalid("wrongArgumentCount", call.pos(), fn + " takes one property, like " + fn
            + "(T.temperature)");
      }
      arg = aggregateArgument(call);
    }
    String name = c.alias() != null ? c.alias() : fn.name();
    if (!names.add(name)) {
      throw QueryErrors.invalid("duplicateColumn", c.pos(), "two columns are named '" + name + "': add AS <name>");
    }
    return new GroupColumn.Of(name, fn, arg);
  }

  private Term aggregateArgument(Expr.Call call) {
    if (!(call.args().get(0) instanceof Expr.Ref ref)) {
      throw Conditions.typeMismatch(call.args().get(0).pos(), call.name() + " takes a property, like " + call.name()
          + "(T.temperature)");
    }
    return conditions.property(ref);
  }

  private String columnName(Query.Column c, Term.Prop p, Set<String> names) {
    return named(c, p.path().isEmpty() ? vars.get(p.slot()).name() : p.path().get(p.path().size() - 1), names);
  }

  /** The column's alias, else {@code fallback}; unique among the query's columns. */
  private static String named(Query.Column c, String fallback, Set<String> names) {
    String name = c.alias() != null ? c.alias() : fallback;
    if (name.isEmpty()) {
      throw QueryErrors.invalid("unnamedCollection", c.pos(), "name the collection to project it: FROM DIGITALTWINS T");
    }
    if (!names.add(name)) {
      throw QueryErrors.invalid("duplicateColumn", c.pos(), "two columns are named '" + name + "': add AS <name>");
    }
    return name;
  }
}
