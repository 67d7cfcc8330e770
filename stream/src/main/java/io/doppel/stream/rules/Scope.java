package io.doppel.stream.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an expression is evaluated against: one twin, and the twins it reaches over relationships. */
interface Scope {
  /** A value of this twin (a {@link Double}, {@link String} or {@link Boolean}); null when it has none. */
  @Nullable Object read(Expr.Source source, List<String> path);

  /** A value of this twin by path alone: its property if it has one, else its latest telemetry of that name. */
  @Nullable Object any(List<String> path);

  /** The anomaly score of this twin's latest value at {@code path}; null when it is not scored. */
  default @Nullable Object anomaly(List<String> path) {
    return null;
  }

  /** Whether a time-to-threshold warning is in force on this twin's series at {@code path}. */
  default @Nullable Object warning(List<String> path) {
    return Boolean.FALSE;
  }

  /** The twins reached from this one over relationships named {@code name}, each once per relationship. */
  List<Scope> neighbours(Expr.Direction direction, String name);
}
