package io.doppel.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.query.plan.Analyzed.EdgeDir;
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

  /**
   * Resolves a condition over one twin, written as a WHERE clause of {@code SELECT * FROM DIGITALTWINS} would be:
   * unqualified names are the twin's properties. The twin is row slot 0.
   */
  public static Term condition(Expr condition) {
    Analyzer analyzer = new Analyzer(0, 0);
    analyzer.declare(null, false, condition.pos());
    return analyzer.conditions.condition(condition);
  }

  private Analyzed run(Query query) {
    collections(query.from());
    List<Term> conjuncts = new ArrayList<>();
    if (query.where() != null) {
      flatten(conditions.condition(query.where()), conjuncts);
    }
    Output output = new Outputs(vars, byName, conditions).output(query);
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
}
