package io.doppel.twin;

import io.doppel.model.Dtmi;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * The ids of the current twins of each exact model, sorted, so that a query on a model (or on a model and its
 * descendants, merged) pages through its twins without looking at the others. Maintained by the writer only.
 */
final class ModelIndex {
  private final Map<Dtmi, ConcurrentSkipListSet<String>> byModel = new ConcurrentHashMap<>();

  /** A twin's model went from {@code before} to {@code after} ({@code null}: the twin did not or does not exist). */
  void moved(String id, @Nullable Dtmi before, @Nullable Dtmi after) {
    if (before != null && before.equals(after)) {
      return;
    }
    if (before != null) {
      ConcurrentSkipListSet<String> ids = byModel.get(before);
      if (ids != null) {
        ids.remove(id);
        if (ids.isEmpty()) {
          // A reader still iterating the removed set needs none of it: what it held is in the undo log.
          byModel.remove(before, ids);
        }
      }
    }
    if (after != null) {
      byModel.computeIfAbsent(after, m -> new ConcurrentSkipListSet<>()).add(id);
    }
  }

  /** The current twin ids of exactly {@code model}, ascending; empty when it has none. */
  NavigableSet<String> ids(Dtmi model) {
    NavigableSet<String> ids = byModel.get(model);
    return ids != null ? ids : java.util.Collections.emptyNavigableSet();
  }
}
