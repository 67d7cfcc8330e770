package io.doppel.query;

import java.time.Duration;

/**
 * The limits a {@link QueryService} enforces. Defaults match Azure Digital Twins where it documents a limit (5
 * JOINs, 10 MATCH hops); the rest bound work and memory so no query can hang the server or fill its heap.
 *
 * @param maxJoins JOIN clauses per query
 * @param maxHops hops in all of a MATCH pattern, and the largest impact depth
 * @param workBudgetPerPage index entries, twins and relationships one page may read
 * @param maxGroups distinct groups a GROUP BY may hold
 * @param maxPageSize the largest page; larger requests are served this many items
 * @param leaseIdleTimeout how long a paged query keeps its snapshot without being continued
 * @param maxOpenLeases paged queries holding a snapshot at once; the least recently used one gives its up first
 */
public record QueryLimits(int maxJoins, int maxHops, long workBudgetPerPage, int maxGroups, int maxPageSize,
    Duration leaseIdleTimeout, int maxOpenLeases) {
  public QueryLimits {
    if (maxJoins < 0 || maxHops < 1 || workBudgetPerPage < 1 || maxGroups < 1 || maxPageSize < 1
        || leaseIdleTimeout.isNegative() || maxOpenLeases < 0) {
      throw new IllegalArgumentException("query limits must be positive");
    }
  }

  public static QueryLimits defaults() {
    return new QueryLimits(5, 10, 5_000_000, 10_000, 1000, Duration.ofSeconds(60), 1000);
  }

  public QueryLimits withWorkBudgetPerPage(long units) {
    return new QueryLimits(maxJoins, maxHops, units, maxGroups, maxPageSize, leaseIdleTimeout, maxOpenLeases);
  }

  public QueryLimits withLeases(Duration idleTimeout, int maxOpen) {
    return new QueryLimits(maxJoins, maxHops, workBudgetPerPage, maxGroups, maxPageSize, idleTimeout, maxOpen);
  }

  public QueryLimits withMaxGroups(int groups) {
    return new QueryLimits(maxJoins, maxHops, workBudgetPerPage, groups, maxPageSize, leaseIdleTimeout, maxOpenLeases);
  }
}
