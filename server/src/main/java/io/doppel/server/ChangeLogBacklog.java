package io.doppel.server;

import io.doppel.history.HistoryService;
import io.doppel.stream.EventBacklog;
import io.doppel.twin.TwinEvent;
import java.util.List;

/** The change stream's backlog read from the history's change log: /events cursors survive restarts. */
final class ChangeLogBacklog implements EventBacklog {
  private final HistoryService history;

  ChangeLogBacklog(HistoryService history) {
    this.history = history;
  }

  @Override
  public long replayableAfter() {
    return history.replayableAfter();
  }

  @Override
  public List<TwinEvent> read(long after, long upTo, int max) {
    return history.eventsAfter(after, upTo, max);
  }
}
