package io.doppel.query.exec;

import io.doppel.query.syntax.QueryErrors;

/**
 * Work allowed for one page: one unit per index entry, twin or relationship read. Exhausting it stops the query
 * with {@code QUERY_TOO_EXPENSIVE} instead of letting a pathological query run for minutes or fill the heap.
 */
public final class Budget {
  private final long limit;
  private long used;

  public Budget(long limit) {
    this.limit = limit;
  }

  void charge(long units) {
    used += units;
    if (used > limit) {
      throw QueryErrors.tooExpensive("workBudgetExceeded", "workBudget", "the query read more than " + limit
          + " index entries, twins and relationships for one page; narrow it with a filter an index serves ($dtId, "
          + "STARTSWITH($dtId, ...), IS_OF_MODEL or an indexed property), ask for fewer items per page, or start "
          + "MATCH and JOIN from a given $dtId");
    }
  }

  public long used() {
    return used;
  }

  void reset() {
    used = 0;
  }
}
