package io.doppel.twin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a listing; pass {@code continuation} back to get the next page, absent on the last one. */
public record Page<T>(List<T> items, @Nullable String continuation) {
  public Page {
    items = List.copyOf(items);
  }
}
