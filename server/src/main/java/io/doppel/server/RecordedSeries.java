package io.doppel.server;

import io.doppel.history.Aggregation;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.model.Dtmi;
import io.doppel.predict.warning.WarningDefinition;
import io.doppel.predict.warning.WarningInputs;
import io.doppel.twin.DoppelException;
import io.doppel.twin.Page;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the warning monitor reads, from the engine (which twins) and the history (their series). */
final class RecordedSeries implements WarningInputs {
  private static final int PAGE = 1000;

  private final TwinEngine engine;
  private final HistoryService history;

  RecordedSeries(TwinEngine engine, HistoryService history) {
    this.engine = engine;
    this.history = history;
  }

  @Override
  public List<String> twins(WarningDefinition d) {
    List<String> out = new ArrayList<>();
    if (d.model() == null && d.twin() != null && !d.twin().contains("*")) {
      if (exists(d.twin())) {
        out.add(d.twin()); // one twin by id: no need to list them all
      }
      return out;
    }
    Dtmi model = d.model() == null ? null : Dtmi.parse(d.model());
    String continuation = null;
    do {
      Page<TwinView> page = engine.listTwins(continuation, PAGE);
      for (TwinView twin : page.items()) {
        if (d.idMatches(twin.id()) && (model == null || isA(twin.id(), model))) {
          out.add(twin.id());
        }
      }
      continuation = page.continuation();
    } while (continuation != null);
    return out;
  }

  @Override
  public @Nullable Sample latest(String twinId, String series) {
    Point p;
    try {
      p = history.latest(twinId).get(series);
    } catch (DoppelException e) {
      return null; // deleted meanwhile
    }
    return p == null || p.isText() || !Double.isFinite(p.value()) ? null : new Sample(p.instant(), p.value());
  }

  @Override
  public List<Sample> buckets(String twinId, String series, Instant from, Instant to, long stepMillis) {
    List<Sample> out = new ArrayList<>();
    for (Point p : history.downsample(twinId, series, from, to, Duration.ofMillis(stepMillis), Aggregation.AVG)) {
      if (!p.isText()) {
        out.add(new Sample(p.instant(), p.value()));
      }
    }
    return out;
  }

  private boolean exists(String twinId) {
    try {
      engine.modelOf(twinId);
      return true;
    } catch (DoppelException e) {
      return false;
    }
  }

  private boolean isA(String twinId, Dtmi model) {
    try {
      return engine.catalog().isA(engine.modelOf(twinId), model);
    } catch (DoppelException e) {
      return false;
    }
  }
}
