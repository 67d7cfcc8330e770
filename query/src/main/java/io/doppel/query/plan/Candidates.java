package io.doppel.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.query.plan.Analyzed.Var;
import io.doppel.query.syntax.Expr.CompareOp;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexRange;
import io.doppel.twin.IndexValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds the access paths the conjuncts of one collection allow and estimates how many rows each reads, by probing
 * the index itself up to {@link #PROBE} entries: exact below that, "at least" above it.
 */
final class Candidates {
  static final int PROBE = 1000;

  /** An access path, the conjuncts it answers completely (no need to re-check them), and its estimated rows. */
  record Candidate(Access access, List<Term> served, long estimate, boolean exact) {}

  private Candidates() {}

  /**
   * The smallest estimate so far, shared by all candidates of a query: a probe stops one entry past it, since a
   * candidate reading more rows cannot win.
   */
  static final class Best {
    private long rows = PROBE;

    long limit() {
      return Math.min(PROBE, rows + 1);
    }

    Candidate offer(Candidate c) {
      if (c.exact() || c.estimate() < rows) {
        rows = Math.min(rows, c.estimate());
      }
      return c;
    }
  }

  static List<Candidate> forVar(Var v, List<Term> conjuncts, GraphSnapshot snapshot, Best best) {
    return v.relationship() ? relationships(v, conjuncts, snapshot) : twins(v, conjuncts, snapshot, best);
  }

  private static List<Candidate> twins(Var v, List<Term> conjuncts, GraphSnapshot snapshot, Best best) {
    List<Candidate> out = new ArrayList<>();
    Set<String> indexed = snapshot.indexedPaths();
    // First, so that the open-ended ranges probed below stop just past its (usually small) size.
    Candidate closed = closedRange(v, conjuncts, indexed, snapshot, best);
    if (closed != null) {
      out.add(closed);
    }
    for (Term t : conjuncts) {
      if (Term.slots(t) != 1L << v.slot()) {
        continue;
      }
      switch (t) {
        case Term.Compare c when c.op() == CompareOp.EQ && dtId(c.left(), c.right()) != null ->
            out.add(best.offer(ids(v, List.of(dtId(c.left(), c.right())), t, snapshot)));
        case Term.In in when !in.negated() && in.operand() instanceof Term.Prop p && p.isDtId()
            && in.values().stream().allMatch(JsonNode::isTextual) ->
            out.add(best.offer(ids(v, in.values().stream().map(JsonNode::asText).toList(), t, snapshot)));
        case Term.In in when !in.negated() && in.operand() instanceof Term.Prop p && indexed.contains(p.dotted())
            && !in.values().isEmpty() && in.values().stream().allMatch(x -> indexValue(x) != null) -> {
          List<IndexValue> values = List.copyOf(new TreeSet<>(in.values().stream().map(Candidates::indexValue).toList()));
          out.add(probe(best, new Access.TwinValues(v.slot(), p.dotted(), values), List.of(t),
              values.stream().flatMap(x -> iterate(snapshot.indexRange(p.dotted(), IndexRange.equalTo(x), null))
                  .limit(PROBE)).iterator()));
        }
        case Term.Call c when c.fn() == Term.Fn.STARTSWITH && c.args().get(0) instanceof Term.Prop p && p.isDtId()
            && c.args().get(1) instanceof Term.Const k && k.value().isTextual() -> {
          String prefix = k.value().asText();
          out.add(probe(best, new Access.TwinPrefix(v.slot(), prefix), List.of(t), snapshot.twinIds(prefix, null)));
        }
        case Term.OfModel m -> {
          // every version the rule accepts is read: Widget;4 also finds twins of Widget;5 and its descendants
          Set<Dtmi> models = ModelMatch.accepted(snapshot.models(), m.model(), m.exact());
          out.add(probe(best, new Access.TwinModels(v.slot(), models, m.model(), m.exact()), List.of(t),
              models.isEmpty() ? java.util.Collections.emptyIterator() : snapshot.twinIdsOfModels(models, null)));
        }
        case Term.Compare c -> {
          Bound b = bound(c, indexed);
          if (b != null) {
            out.add(probe(best, new Access.TwinRange(v.slot(), b.path, b.range), List.of(t),
                snapshot.indexRange(b.path, b.range, null)));
          }
        }
        default -> { }
      }
    }
    out.add(new Candidate(new Access.TwinScan(v.slot()), List.of(), snapshot.twinCount(), true));
    return out;
  }

  /** The range between the first lower and the first upper bound on one indexed path, such as {@code t >= 1 AND t < 2}. */
  private static @Nullable Candidate closedRange(Var v, List<Term> conjuncts, Set<String> indexed,
      GraphSnapshot snapshot, Best best) {
    Term lower = null;
    Term upper = null;
    for (Term t : conjuncts) {
      if (Term.slots(t) == 1L << v.slot() && t instanceof Term.Compare c && bound(c, indexed) instanceof Bound b) {
        if (b.range.upper() == null && lower == null) {
          lower = t;
        } else if (b.range.lower() == null && upper == null) {
          upper = t;
        }
      }
    }
    if (lower == null || upper == null) {
      return null;
    }
    Bound lo = java.util.Objects.requireNonNull(bound((Term.Compare) lower, indexed));
    Bound hi = java.util.Objects.requireNonNull(bound((Term.Compare) upper, indexed));
    if (!lo.path.equals(hi.path) || lo.range.lower().getClass() != hi.range.upper().getClass()) {
      return null;
    }
    IndexRange both = new IndexRange(lo.range.lower(), lo.range.lowerInclusive(), hi.range.upper(),
        hi.range.upperInclusive());
    return probe(best, new Access.TwinRange(v.slot(), lo.path, both), List.of(lower, upper),
        snapshot.indexRange(lo.path, both, null));
  }

  private static @Nullable String dtId(Term left, Term right) {
    if (left instanceof Term.Prop p && p.isDtId() && right instanceof Term.Const c && c.value().isTextual()) {
      return c.value().asText();
    }
    if (right instanceof Term.Prop p && p.isDtId() && left instanceof Term.Const c && c.value().isTextual()) {
      return c.value().asText();
    }
    return null;
  }

  private static Candidate ids(Var v, List<String> ids, Term served, GraphSnapshot snapshot) {
    List<String> sorted = List.copyOf(new TreeSet<>(ids));
    long visible = sorted.stream().filter(id -> snapshot.modelOf(id) != null).count();
    return new Candidate(new Access.TwinIds(v.slot(), sorted), List.of(served), visible, true);
  }

  private record Bound(String path, IndexRange range) {}

  /** The index range a comparison of an indexed property with a constant reads, or null if it cannot use one. */
  private static @Nullable Bound bound(Term.Compare c, Set<String> indexed) {
    CompareOp op = c.op();
    Term.Prop prop;
    Term.Const value;
    if (c.left() instanceof Term.Prop p && c.right() instanceof Term.Const k) {
      prop = p;
      value = k;
    } else if (c.right() instanceof Term.Prop p && c.left() instanceof Term.Const k) {
      prop = p;
      value = k;
      op = op.flipped();
    } else {
      return null;
    }
    String path = prop.dotted();
    if (!indexed.contains(path)) {
      return null;
    }
    IndexValue v = indexValue(value.value());
    if (v == null || op == CompareOp.NEQ || (op != CompareOp.EQ && v instanceof IndexValue.Bool)) {
      return null;
    }
    IndexRange range = switch (op) {
      case EQ -> IndexRange.equalTo(v);
      case GT -> new IndexRange(v, false, null, false);
      case GE -> new IndexRange(v, true, null, false);
      case LT -> new IndexRange(null, false, v, false);
      case LE -> new IndexRange(null, false, v, true);
      case NEQ -> throw new IllegalStateException("NEQ has no range");
    };
    return new Bound(path, range);
  }

  static @Nullable IndexValue indexValue(JsonNode value) {
    if (value.isNumber()) {
      return new IndexValue.Num(value.doubleValue());
    }
    if (value.isTextual()) {
      return new IndexValue.Str(value.asText());
    }
    if (value.isBoolean()) {
      return new IndexValue.Bool(value.booleanValue());
    }
    return null;
  }

  private static List<Candidate> relationships(Var v, List<Term> conjuncts, GraphSnapshot snapshot) {
    String source = null;
    String target = null;
    String name = null;
    Term sourceTerm = null;
    Term targetTerm = null;
    Term nameTerm = null;
    for (Term t : conjuncts) {
      if (Term.slots(t) != 1L << v.slot() || !(t instanceof Term.Compare c) || c.op() != CompareOp.EQ) {
        continue;
      }
      Term.Prop p = c.left() instanceof Term.Prop l ? l : c.right() instanceof Term.Prop r ? r : null;
      Term.Const k = c.left() instanceof Term.Const l ? l : c.right() instanceof Term.Const r ? r : null;
      if (p == null || k == null || !k.value().isTextual() || p.path().size() != 1) {
        continue;
      }
      switch (p.path().get(0)) {
        case "$sourceId" -> {
          source = source == null ? k.value().asText() : source;
          sourceTerm = sourceTerm == null ? t : sourceTerm;
        }
        case "$targetId" -> {
          target = target == null ? k.value().asText() : target;
          targetTerm = targetTerm == null ? t : targetTerm;
        }
        case "$relationshipName" -> {
          name = name == null ? k.value().asText() : name;
          nameTerm = nameTerm == null ? t : nameTerm;
        }
        default -> { }
      }
    }
    List<Term> byName = nameTerm == null ? List.of() : List.of(nameTerm);
    List<Candidate> out = new ArrayList<>();
    if (source != null) {
      List<Term> served = new ArrayList<>(byName);
      served.add(0, sourceTerm);
      out.add(new Candidate(new Access.RelBySource(v.slot(), source, name), served,
          snapshot.outgoing(source, name).size(), true));
    }
    if (target != null) {
      List<Term> served = new ArrayList<>(byName);
      served.add(0, targetTerm);
      out.add(new Candidate(new Access.RelByTarget(v.slot(), target, name), served,
          snapshot.incoming(target, name).size(), true));
    }
    // Relationships are read twin by twin: a scan costs at least one look-up per twin.
    out.add(new Candidate(new Access.RelScan(v.slot(), name), byName, snapshot.twinCount(), false));
    return out;
  }

  private static <T> java.util.stream.Stream<T> iterate(Iterator<T> it) {
    return java.util.stream.StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED), false);
  }

  private static Candidate probe(Best best, Access access, List<Term> served, Iterator<?> entries) {
    long limit = best.limit();
    long n = 0;
    while (n < limit && entries.hasNext()) {
      entries.next();
      n++;
    }
    return best.offer(new Candidate(access, served, n, !entries.hasNext()));
  }
}
