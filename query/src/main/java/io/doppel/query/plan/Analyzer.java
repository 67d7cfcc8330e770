package io.doppel.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.query.plan.Analyzed.Aggregate;
import io.doppel.query.plan.Analyzed.Column;
import io.doppel.query.plan.Analyzed.EdgeDir;
import io.doppel.query.plan.Analyzed.GroupColumn;
import io.doppel.query.plan.Analyzed.Output;
import io.doppel.query.plan.Analyzed.PatternEdge;
import io.doppel.query.plan.Analyzed.Var;
import io.doppel.query.syntax.Expr;
import io.doppel.query.syntax.Position;
import io.doppel.query.syntax.Query;
import io.doppel.query.syntax.Query.From;
import io.doppel.query.syntax.QueryErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Resolves names, checks types and limits, and splits WHERE into conjuncts: everything that needs no data. */
public final class Analyzer {
  private final int maxJoins;
  private final int maxHops;
  private final List<Var> vars = new ArrayList<>();
  private final Map<String, Var> byName = new LinkedHashMap<>();
  private final List<PatternEdge> edges = new ArrayList<>();
  private final Conditions conditions = new Conditions(vars, byName);

  private Analyzer(int maxJoins, int maxHops) {
    this.maxJoins = maxJoins;
    this.maxHops = maxHops;
  }

  public static Analyzed analyze(Query query, int maxJoins, int maxHops) {
    return new Analyzer(maxJoins, maxHops).run(query);
  }

  private Analyzed run(Query query) {
    collections(query.from());
    List<Term> conjuncts = new ArrayList<>();
    if (query.where() != null) {
      flatten(conditions.condition(query.where()), conjuncts);
    }
    Output output = output(query);
    long top = query.select().top() == null ? Long.MAX_VALUE : query.select().top().count();
    return new Analyzed(query, vars, edges, conjuncts, output, top);
  }

  private static void flatten(Term term, List<Term> out) {
    if (term instanceof Term.And and) {
      flatten(and.left(), out);
      flatten(and.right(), out);
    } else {
      out.add(orOfEqualities(term));
    }
  }

  /**
   * {@code x = 'a' OR x = 'b'} as {@code x IN ['a', 'b']}, so the planner can serve it from an index. Only for a
   * whole conjunct: there, "undefined" and "false" both drop the row, which is the one way the two forms differ.
   */
  private static Term orOfEqualities(Term term) {
    if (!(term instanceof Term.Or)) {
      return term;
    }
    List<JsonNode> values = new ArrayList<>();
    Term.Prop[] prop = new Term.Prop[1];
    return collectEqualities(term, prop, values) ? new Term.In(prop[0], values, false) : term;
  }

  private static boolean collectEqualities(Term term, Term.Prop[] prop, List<JsonNode> values) {
    return switch (term) {
      case Term.Or or -> collectEqualities(or.left(), prop, values) && collectEqualities(or.right(), prop, values);
      case Term.Compare c when c.op() == io.doppel.query.syntax.Expr.CompareOp.EQ -> {
        Term.Prop p = c.left() instanceof Term.Prop l ? l : c.right() instanceof Term.Prop r ? r : null;
        Term.Const k = c.left() instanceof Term.Const l ? l : c.right() instanceof Term.Const r ? r : null;
        if (p == null || k == null || !sameProperty(prop, p)) {
          yield false;
        }
        values.add(k.value());
        yield true;
      }
      case Term.In in when !in.negated() && in.operand() instanceof Term.Prop p && sameProperty(prop, p) -> {
        values.addAll(in.values());
        yield true;
      }
      default -> false;
    };
  }

  private static boolean sameProperty(Term.Prop[] seen, Term.Prop p) {
    if (p.path().isEmpty()) {
      return false;
    }
    if (seen[0] == null) {
      seen[0] = p;
      return true;
    }
    return seen[0].slot() == p.slot() && seen[0].path().equals(p.path());
  }

  private Var declare(@Nullable String name, boolean relationship, Position pos) {
    if (name != null && byName.containsKey(name)) {
      throw QueryErrors.invalid("duplicateCollection", pos, "the name '" + name + "' is already used in this query");
    }
    Var v = new Var(name == null ? "" : name, vars.size(), relationship, name != null);
    vars.add(v);
    if (name != null) {
      byName.put(name, v);
    }
    return v;
  }

  private void collections(From from) {
    switch (from) {
      case From.Relationships r -> declare(r.alias(), true, r.pos());
      case From.Twins t -> {
        declare(t.alias(), false, t.pos());
        if (t.joins().size() > maxJoins) {
          throw QueryErrors.invalid("tooManyJoins", t.joins().get(maxJoins).pos(),
              "a query may have at most " + maxJoins + " JOINs (as in Azure Digital Twins); found " + t.joins().size());
        }
        for (Query.Join join : t.joins()) {
          Var source = byName.get(join.source());
          if (source == null || source.relationship()) {
            throw QueryErrors.invalid("unknownCollection", join.pos(), "'" + join.source()
                + "' is not a twin collection declared before this JOIN");
          }
          Var target = declare(join.target(), false, join.pos());
          int rel = join.relationshipAlias() == null ? -1 : declare(join.relationshipAlias(), true, join.pos()).slot();
          edges.add(new PatternEdge(source.slot(), target.slot(), rel, Set.of(join.relationship()), EdgeDir.OUT, 1, 1,
              join.source() + "-[:" + join.relationship() + "]->" + join.target()));
        }
      }
      case From.Match m -> match(m);
    }
  }

  private void match(From.Match m) {
    List<Var> nodes = new ArrayList<>();
    for (Query.Node node : m.nodes()) {
      Var existing = node.variable() == null ? null : byName.get(node.variable());
      if (existing != null && existing.relationship()) {
        throw QueryErrors.invalid("duplicateCollection", node.pos(), "'" + node.variable() + "' names a relationship");
      }
      nodes.add(existing != null ? existing : declare(node.variable(), false, node.pos()));
    }
    int hops = 0;
    for (int i = 0; i < m.edges().size(); i++) {
      Query.Edge e = m.edges().get(i);
      hops += e.maxHops();
      if (hops > maxHops) {
        throw QueryErrors.invalid("tooManyHops", e.pos(),
            "a MATCH may span at most " + maxHops + " hops in all (as in Azure Digital Twins); this one spans " + hops);
      }
      int rel = -1;
      if (e.variable() != null) {
        if (e.maxHops() > 1) {
          throw QueryErrors.invalid("relationshipVariableWithHops", e.pos(), "relationship variable '" + e.variable()
              + "' needs a single hop: a variable and a number of hops cannot be combined (as in Azure Digital Twins)");
        }
        rel = declare(e.variable(), true, e.pos()).slot();
      }
      EdgeDir dir = switch (e.direction()) {
        case RIGHT -> EdgeDir.OUT;
        case LEFT -> EdgeDir.IN;
        case ANY -> EdgeDir.ANY;
      };
      Var a = nodes.get(i);
      Var b = nodes.get(i + 1);
      String names = e.names().isEmpty() ? "" : ":" + String.join("|", e.names());
      String range = e.minHops() == 1 && e.maxHops() == 1 ? "" : "*" + e.minHops() + "-" + e.maxHops();
      String arrowLeft = dir == EdgeDir.IN ? "<-" : "-";
      String arrowRight = dir == EdgeDir.OUT ? "->" : "-";
      edges.add(new PatternEdge(a.slot(), b.slot(), rel, new HashSet<>(e.names()), dir, e.minHops(), e.maxHops(),
          "(" + a.name() + ")" + arrowLeft + "[" + (e.variable() == null ? "" : e.variable()) + names + range + "]"
              + arrowRight + "(" + b.name() + ")"));
    }
  }

  static @Nullable Aggregate aggregate(String name) {
    try {
      return Aggregate.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Output output(Query query) {
    Query.Select select = query.select();
    if (select.star()) {
      if (!query.groupBy().isEmpty()) {
        throw QueryErrors.invalid("invalidGroupBy", select.pos(), "GROUP BY needs named columns, not SELECT *");
      }
      if (vars.size() != 1) {
        throw QueryErrors.invalid("selectStarNotAllowed", select.pos(), "SELECT * needs a single collection (as in "
            + "Azure Digital Twins); with JOIN or MATCH, name the collections: SELECT " + String.join(", ",
            byName.keySet()));
      }
      return new Output.Star(vars.get(0).slot());
    }
    boolean grouped = !query.groupBy().isEmpty() || select.columns().stream()
        .anyMatch(c -> c.expr() instanceof Expr.Call call && aggregate(call.name()) != null);
    Set<String> names = new HashSet<>();
    if (!grouped) {
      List<Column> columns = new ArrayList<>();
      for (Query.Column c : select.columns()) {
        if (!(c.expr() instanceof Expr.Ref ref)) {
          throw Conditions.typeMismatch(c.pos(), "a projection is a collection or a property (or an aggregate with GROUP BY)");
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
    String name = c.alias() != null ? c.alias()
        : p.path().isEmpty() ? vars.get(p.slot()).name() : p.path().get(p.path().size() - 1);
    if (name.isEmpty()) {
      throw QueryErrors.invalid("unnamedCollection", c.pos(), "name the collection to project it: FROM DIGITALTWINS T");
    }
    if (!names.add(name)) {
      throw QueryErrors.invalid("duplicateColumn", c.pos(), "two columns are named '" + name + "': add AS <name>");
    }
    return name;
  }
}
