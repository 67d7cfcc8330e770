package io.doppel.stream;

import io.doppel.twin.TwinEvent;
import java.util.List;

/**
 * Events older than the stream's in-memory ring, from a durable log (the server's change history): a subscriber
 * whose cursor fell below the ring, or that reconnects after a restart, is served from here first and then from the
 * ring, with no gap and no duplicate.
 */
public interface EventBacklog {
  /** Every event with a greater version is kept: the oldest cursor the backlog can serve. */
  long replayableAfter();

  /**
   * Up to {@code max} events with versions in {@code (after, upTo]}, in version order; waits until the log holds
   * every event up to {@code upTo}. Fewer than {@code max} means there are no more in the range.
   */
  List<TwinEvent> read(long after, long upTo, int max);
}
