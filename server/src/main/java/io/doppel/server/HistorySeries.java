package io.doppel.server;

import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.history.RawPage;
import io.doppel.sim.scenario.RecordedSeries;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Recorded telemetry for scenarios and calibration, read page by page from the history, numbers only. */
final class HistorySeries implements RecordedSeries {
  /** A workload or calibration window reads at most this many points of one series. */
  static final int MAX_SAMPLES = 1_000_000;

  private final HistoryService history;

  HistorySeries(HistoryService history) {
    this.history = history;
  }

  @Override
  public List<Sample> samples(String twin, String telemetry, Instant from, Instant to) {
    List<Sample> out = new ArrayList<>();
    Instant start = from;
    try {
      while (out.size() < MAX_SAMPLES) {
        RawPage page = history.range(twin, telemetry, start, to, HistoryService.MAX_POINTS);
        for (Point p : page.points()) {
          if (!p.isText() && Double.isFinite(p.value())) {
            out.add(new Sample(p.instant(), p.value()));
          }
        }
        if (page.next() == null) {
          break;
        }
        start = page.next();
      }
    } catch (DoppelException e) {
      if (e.code() != ErrorCode.SERIES_NOT_FOUND && e.code() != ErrorCode.TWIN_NOT_FOUND) {
        throw e;
      }
    }
    return out;
  }
}
