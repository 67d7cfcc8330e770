package io.doppel.history;

import io.doppel.history.spi.ChangeBounds;
import io.doppel.history.spi.ChangeLog;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the retention's default maximum age to the change log (rules per model or property bound series only).
 * A change older than the cutoff goes unless it is its twin's or relationship's last change before the cutoff and
 * leaves it alive: that one holds the state every later rollback may need, so it stays until a newer change passes
 * the cutoff too. The log's bounds then move to the cutoff: rolling back before it, or replaying from a cursor
 * older than the newest removed change, is refused. Runs on the writer thread.
 */
final class ChangeRetention {
  private static final int WRITES_PER_BATCH = 1000;

  private ChangeRetention() {}

  /** Returns how many changes were removed. */
  static int run(SeriesStore store, Retention retention, long now) {
    Duration maxAge = retention.defaultMaxAge();
    ChangeLog log = store.changes();
    if (maxAge == null || log.bounds().isEmpty()) {
      return 0;
    }
    long cutoff = now - maxAge.toMillis();
    // Two passes over the old changes, holding only a version per entity, never the changes themselves.
    long[] newestOld = {0};
    Map<String, Long> lastAlive = new HashMap<>(); // per entity: its newest old change
    log.forEachBefore(cutoff, c -> {
      newestOld[0] = Math.max(newestOld[0], c.version());
      if (!c.kind().isModel()) {
        lastAlive.merge(c.entity(), c.version(), Math::max);
      }
    });
    List<SeriesWrite> writes = new ArrayList<>();
    int[] removed = {0};
    log.forEachBefore(cutoff, c -> {
      boolean keeps = !c.kind().isModel() && !c.kind().isDelete() && lastAlive.get(c.entity()) == c.version();
      if (!keeps) {
        writes.add(new SeriesWrite.Unlog(c));
        removed[0]++;
      }
      if (writes.size() >= WRITES_PER_BATCH) {
        store.write(writes);
        writes.clear();
      }
    });
    ChangeBounds bounds = log.bounds().orElseThrow();
    writes.add(new SeriesWrite.Bounds(new ChangeBounds(Math.max(bounds.completeAfter(), newestOld[0]),
        Math.max(bounds.since(), cutoff), Math.max(bounds.versionAtSince(), newestOld[0]))));
    store.write(writes);
    return removed[0];
  }
}
