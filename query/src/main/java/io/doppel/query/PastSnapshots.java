package io.doppel.query;

import io.doppel.twin.GraphSnapshot;
import java.time.Instant;

/**
 * Where {@code AS OF} queries read: the graph as it was at a time (the server rolls the current graph back with the
 * change history). The snapshot may have no property indexes; the planner then scans.
 */
@FunctionalInterface
public interface PastSnapshots {
  /**
   * The graph at {@code time}; the caller closes it.
   *
   * @throws io.doppel.twin.DoppelException {@code HISTORY_NOT_RETAINED} for a time the history no longer covers,
   *     {@code INVALID_ARGUMENT} for one in the future
   */
  GraphSnapshot at(Instant time);

  /** For a service without a change history: every {@code AS OF} query is refused. */
  PastSnapshots NONE = time -> {
    throw new io.doppel.twin.DoppelException(io.doppel.twin.ErrorCode.INVALID_ARGUMENT,
        "AS OF needs the change history, which this server does not keep",
        java.util.List.of(new io.doppel.twin.DoppelException.Detail("noHistory", "asOf", "no change history")));
  };
}
