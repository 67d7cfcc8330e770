package io.doppel.query.syntax;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed query: {@code [EXPLAIN] SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [AS OF '<time>']}; {@code asOf}
 * asks for the graph as it was at that time instead of now.
 */
public record Query(boolean explain, Select select, From from, @Nullable Expr where, List<Expr> groupBy,
    @Nullable AsOf asOf, String text) {
  public Query {
    groupBy = List.copyOf(groupBy);
  }

  /** {@code AS OF '2026-01-01T00:00:00Z'}: the time, and where the clause stands for errors about it. */
  public record AsOf(java.time.Instant time, Position pos) {}

  /** The SELECT clause; {@code star} for {@code *} (or a bare {@code TOP(n)}), else {@code columns}. */
  public record Select(@Nullable Top top, boolean star, List<Column> columns, Position pos) {
    public Select {
      columns = List.copyOf(columns);
    }
  }

  public record Top(long count, Position pos) {}

  /** One projection: an expression (collection, property, or aggregate call) and its optional {@code AS} name. */
  public record Column(Expr expr, @Nullable String alias, Position pos) {}

  /** The FROM clause: a twin collection with JOINs, the relationship collection, or a MATCH pattern. */
  public sealed interface From {
    Position pos();

    record Twins(@Nullable String alias, List<Join> joins, Position pos) implements From {
      public Twins {
        joins = List.copyOf(joins);
      }
    }

    record Relationships(@Nullable String alias, Position pos) implements From {}

    record Match(List<Node> nodes, List<Edge> edges, Position pos) implements From {
      public Match {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
      }
    }
  }

  /** {@code JOIN target RELATED source.relationship [relationshipAlias]}. */
  public record Join(String target, String source, String relationship, @Nullable String relationshipAlias,
      Position pos) {}

  /** A twin in a MATCH pattern; an unnamed one matches any twin and cannot be referred to. */
  public record Node(@Nullable String variable, Position pos) {}

  /** Which way a MATCH relationship points, read left to right. */
  public enum Direction { RIGHT, LEFT, ANY }

  /**
   * A MATCH relationship condition. {@code minHops..maxHops} is the inclusive range after ADT's rules are applied
   * ({@code *n} exactly n, {@code *..n} 1 to n, {@code *m..n} more than m up to n, none 1).
   */
  public record Edge(@Nullable String variable, List<String> names, Direction direction, int minHops, int maxHops,
      Position pos) {
    public Edge {
      names = List.copyOf(names);
    }
  }
}
