/** Plans run over a snapshot: lazy row cursors, expression evaluation over JSON, projection, aggregation, budgets. */
@org.jspecify.annotations.NullMarked
package io.doppel.query.exec;
