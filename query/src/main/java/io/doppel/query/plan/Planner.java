package io.doppel.query.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.plan.Analyzed.PatternEdge;
import io.doppel.query.plan.Analyzed.Var;
import io.doppel.query.plan.Candidates.Candidate;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexRange;
import io.doppel.twin.IndexValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses where a query starts and in which order it walks its pattern. Each collection's conjuncts offer access
 * paths; the one with the fewest estimated rows wins (ties go to the cheaper kind of look-up), and the pattern is
 * then expanded outward from it, each filter placed right after the step that binds its last collection.
 */
public final class Planner {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Planner() {}

  /**
   * Plans {@code analyzed} over {@code snapshot}. With {@code fingerprint}, the plan must start with the access
   * path of that fingerprint (a resumed query must read in the same order as its first page).
   */
  public static Plan plan(Analyzed analyzed, GraphSnapshot snapshot, @Nullable Integer fingerprint) {
    List<Candidate> all = new ArrayList<>();
    List<Var> vars = analyzed.vars();
    boolean anyPattern = !analyzed.edges().isEmpty();
    Candidates.Best best = new Candidates.Best();
    for (Var v : vars) {
      if (v.relationship() && anyPattern) {
        continue; // relationships of a pattern are reached through their twins
      }
      for (Candidate c : Candidates.forVar(v, analyzed.conjuncts(), snapshot, best)) {
        boolean isScan = c.access() instanceof Access.TwinScan || c.access() instanceof Access.RelScan;
        if (!isScan || v.slot() == 0) {
          all.add(c);
        }
      }
    }
    Candidate chosen;
    if (fingerprint != null) {
      chosen = all.stream().filter(c -> Access.fingerprint(c.access()) == fingerprint).findFirst()
          .orElseThrow(() -> new DoppelException(ErrorCode.INVALID_ARGUMENT,
              "the continuation token no longer fits this query (an index it used is gone): run the query again",
              List.of(new DoppelException.Detail("continuationExpired", "continuationToken",
                  "the access path of the first page is no longer available"))));
    } else {
      chosen = all.stream().min(Comparator.comparingLong(Candidate::estimate).thenComparingInt(Planner::rank))
          .orElseThrow();
    }
    List<Term> pending = new ArrayList<>(analyzed.conjuncts());
    pending.removeAll(chosen.served());
    long bound = 1L << chosen.access().slot();
    List<Term> rootFilters = take(pending, bound);
    List<Plan.Step> steps = new ArrayList<>();
    List<PatternEdge> remaining = new ArrayList<>(analyzed.edges());
    while (!remaining.isEmpty()) {
      PatternEdge next = null;
      boolean forward = true;
      for (PatternEdge e : remaining) {
        if ((bound & (1L << e.from())) != 0) {
          next = e;
          forward = true;
          break;
        }
        if ((bound & (1L << e.to())) != 0) {
          next = e;
          forward = false;
          break;
        }
      }
      if (next == null) {
        throw new IllegalStateException("pattern is not connected: " + remaining);
      }
      remaining.remove(next);
      int from = forward ? next.from() : next.to();
      int to = forward ? next.to() : next.from();
      boolean toBound = (bound & (1L << to)) != 0;
      bound |= 1L << to;
      if (next.rel() >= 0) {
        bound |= 1L << next.rel();
      }
      steps.add(new Plan.Step(next, from, to, forward, toBound, take(pending, bound)));
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException("filters on unbound collections: " + pending);
    }
    return new Plan(analyzed, chosen.access(), Access.fingerprint(chosen.access()), rootFilters, steps,
        explain(analyzed, chosen, all, rootFilters, steps));
  }

  /** Cheaper kinds first when estimates tie: a point look-up beats a range beats a scan. */
  private static int rank(Candidate c) {
    return switch (c.access()) {
      case Access.TwinIds t -> 0;
      case Access.RelBySource r -> 1;
      case Access.RelByTarget r -> 2;
      case Access.TwinPrefix t -> 3;
      case Access.TwinRange t -> 4;
      case Access.TwinValues t -> 4;
      case Access.TwinModels t -> 5;
      case Access.RelScan r -> 6;
      case Access.TwinScan t -> 7;
    };
  }

  private static List<Term> take(List<Term> pending, long bound) {
    List<Term> ready = new ArrayList<>();
    pending.removeIf(t -> {
      if ((Term.slots(t) & ~bound) == 0) {
        ready.add(t);
        return true;
      }
      return false;
    });
    return ready;
  }

  private static ObjectNode explain(Analyzed analyzed, Candidate chosen, List<Candidate> all, List<Term> rootFilters,
      List<Plan.Step> steps) {
    ObjectNode out = JSON.objectNode();
    out.put("query", analyzed.query().text());
    ObjectNode start = out.putObject("start");
    start.put("collection", name(analyzed, chosen.access().slot()));
    describe(start, chosen, analyzed);
    start.set("residualFilters", texts(rootFilters));
    start.put("why", all.size() == 1 ? "no predicate can use an index, so every row is read"
        : "fewest estimated rows of " + all.size() + " candidate access paths");
    ArrayNode candidates = out.putArray("candidates");
    for (Candidate c : all) {
      ObjectNode o = candidates.addObject();
      o.put("collection", name(analyzed, c.access().slot()));
      describe(o, c, analyzed);
    }
    ArrayNode stepNodes = out.putArray("steps");
    for (Plan.Step s : steps) {
      ObjectNode o = stepNodes.addObject();
      o.put("expand", s.edge().text());
      o.put("from", name(analyzed, s.fromSlot()));
      o.put("to", name(analyzed, s.toSlot()));
      o.put("via", switch (s.edge().dir()) {
        case OUT -> s.forward() ? "outgoing" : "incoming";
        case IN -> s.forward() ? "incoming" : "outgoing";
        case ANY -> "outgoing and incoming";
      });
      o.put("hops", s.edge().minHops() + ".." + s.edge().maxHops());
      o.set("filters", texts(s.filters()));
    }
    out.put("output", switch (analyzed.output()) {
      case Analyzed.Output.Star s -> "documents";
      case Analyzed.Output.Columns c -> "columns";
      case Analyzed.Output.Grouped g -> g.keys().isEmpty() ? "aggregate" : "groups";
    });
    if (analyzed.top() != Long.MAX_VALUE) {
      out.put("top", analyzed.top());
    }
    return out;
  }

  private static void describe(ObjectNode o, Candidate c, Analyzed analyzed) {
    o.put("access", c.access().kind());
    switch (c.access()) {
      case Access.TwinIds t -> o.set("ids", JSON.arrayNode().addAll(t.ids().stream().map(JSON::textNode).toList()));
      case Access.TwinPrefix t -> o.put("prefix", t.prefix());
      case Access.TwinModels t -> {
        o.put("model", t.asked().value());
        o.put("exact", t.exact());
        o.put("modelsInIndex", t.models().size());
      }
      case Access.TwinRange t -> {
        o.put("path", t.path());
        o.put("range", range(t.range()));
      }
      case Access.TwinValues t -> {
        o.put("path", t.path());
        o.put("range", "IN " + t.values().stream().map(Planner::value).toList());
      }
      case Access.RelScan r -> o.put("relationshipName", r.name());
      case Access.RelBySource r -> o.put("sourceId", r.sourceId()).put("relationshipName", r.name());
      case Access.RelByTarget r -> o.put("targetId", r.targetId()).put("relationshipName", r.name());
      case Access.TwinScan t -> { }
    }
    o.set("served", texts(c.served()));
    o.put("estimatedRows", c.estimate());
    o.put("estimate", c.exact() ? "exact" : "atLeast");
  }

  private static String range(IndexRange r) {
    if (r.lower() != null && r.lower().equals(r.upper())) {
      return "= " + value(r.lower());
    }
    String lo = r.lower() == null ? "" : (r.lowerInclusive() ? ">= " : "> ") + value(r.lower());
    String hi = r.upper() == null ? "" : (r.upperInclusive() ? "<= " : "< ") + value(r.upper());
    return lo.isEmpty() ? hi : hi.isEmpty() ? lo : lo + " and " + hi;
  }

  private static String value(IndexValue v) {
    return switch (v) {
      case IndexValue.Bool b -> String.valueOf(b.value());
      case IndexValue.Num n -> String.valueOf(n.value());
      case IndexValue.Str s -> "'" + s.value() + "'";
    };
  }

  private static String name(Analyzed analyzed, int slot) {
    Var v = analyzed.vars().get(slot);
    return v.named() ? v.name() : v.relationship() ? "RELATIONSHIPS" : slot == 0 ? "DIGITALTWINS" : "(unnamed)";
  }

  private static ArrayNode texts(List<Term> terms) {
    ArrayNode a = JSON.arrayNode();
    terms.forEach(t -> a.add(Term.text(t)));
    return a;
  }
}
