package io.doppel.twin;

import org.jspecify.annotations.Nullable;

/**
 * A range of index values; a {@code null} bound is open. Equality is {@code [v, v]}. A range never crosses types: an
 * open bound stays within the type of the other bound, so {@code temperature > 25} reads numbers only, as the query
 * language compares a number with numbers only. Both bounds open means every value.
 */
public record IndexRange(@Nullable IndexValue lower, boolean lowerInclusive, @Nullable IndexValue upper,
    boolean upperInclusive) {
  public static IndexRange equalTo(IndexValue value) {
    return new IndexRange(value, true, value, true);
  }
}
