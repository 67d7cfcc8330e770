package io.doppel.query.plan;

import io.doppel.query.syntax.Query;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query after name resolution and checks: its collections (row slots), the relationship pattern linking them,
 * the WHERE clause split into conjuncts, and what each result row holds.
 */
public record Analyzed(Query query, List<Var> vars, List<PatternEdge> edges, List<Term> conjuncts, Output output,
    long top) {
  public Analyzed {
    vars = List.copyOf(vars);
    edges = List.copyOf(edges);
    conjuncts = List.copyOf(conjuncts);
  }

  /** A collection of the query: twins or relationships, in {@code slot} of every row. */
  public record Var(String name, int slot, boolean relationship, boolean named) {}

  public enum EdgeDir { OUT, IN, ANY }

  /**
   * Twins {@code from} and {@code to} linked by relationships named one of {@code names} (any when empty), pointing
   * {@code from -> to} (OUT), {@code to -> from} (IN) or either way, over {@code minHops..maxHops}; {@code rel} is the
   * slot of the relationship itself or -1.
   */
  public record PatternEdge(int from, int to, int rel, Set<String> names, EdgeDir dir, int minHops, int maxHops,
      String text) {
    public PatternEdge {
      names = Set.copyOf(names);
    }
  }

  /** What a result row is. */
  public sealed interface Output {
    /** {@code SELECT *}: the single collection's documents as they are. */
    record Star(int slot) implements Output {}

    /** Named columns: collections (a {@link Term.Prop} with an empty path) or property values. */
    record Columns(List<Column> columns) implements Output {
      public Columns {
        columns = List.copyOf(columns);
      }
    }

    /** Aggregation: one row per distinct key tuple (one row in all when there are no keys). */
    record Grouped(List<Term> keys, List<GroupColumn> columns) implements Output {
      public Grouped {
        keys = List.copyOf(keys);
        columns = List.copyOf(columns);
      }
    }
  }

  public record Column(String name, Term term) {}

  public enum Aggregate { COUNT, SUM, AVG, MIN, MAX }

  public sealed interface GroupColumn {
    String name();

    record Key(String name, int keyIndex) implements GroupColumn {}

    record Of(String name, Aggregate function, @Nullable Term argument) implements GroupColumn {}
  }
}
