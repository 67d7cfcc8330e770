package io.doppel.sim.scenario;

import java.time.Instant;
import java.util.List;

/** Read access to recorded telemetry, for workloads from history and for calibration; the server implements it. */
public interface RecordedSeries {
  /** The samples of a twin's telemetry in {@code [from, to)}, in time order (empty when none were recorded). */
  List<Sample> samples(String twin, String telemetry, Instant from, Instant to);

  record Sample(Instant time, double value) {}
}
