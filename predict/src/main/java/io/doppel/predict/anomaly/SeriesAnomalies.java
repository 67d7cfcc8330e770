package io.doppel.predict.anomaly;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One live series: its detector, the last {@link #RECENT} scored values and the last {@link #FLAGGED} anomalies.
 * Memory is bounded whatever the series' length. Thread-safe (values of one series arrive on one writer thread, reads
 * come from request threads).
 */
public final class SeriesAnomalies {

  public static final int RECENT = 2_000;
  public static final int FLAGGED = 200;

  private final AnomalyDetector detector;
  private final ArrayDeque<ScoredPoint> recent = new ArrayDeque<>();
  private final ArrayDeque<ScoredPoint> flagged = new ArrayDeque<>();

  SeriesAnomalies(double sensitivity) {
    detector = new AnomalyDetector(sensitivity);
  }

  synchronized ScoredPoint add(Instant time, double value) {
    ScoredPoint p = new ScoredPoint(time, value, detector.score(time.getEpochSecond(), value));
    recent.addLast(p);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
    if (p.score().anomaly()) {
      flagged.addLast(p);
      if (flagged.size() > FLAGGED) {
        flagged.removeFirst();
      }
    }
    return p;
  }

  public synchronized double sensitivity() {
    return detector.sensitivity();
  }

  synchronized void setSensitivity(double sensitivity) {
    detector.setSensitivity(sensitivity);
  }

  /** Values seen since the series was first scored (including those no longer kept). */
  public synchronized long count() {
    return detector.count();
  }

  public synchronized List<ScoredPoint> points(Instant from, Instant to) {
    return within(recent, from, to);
  }

  public synchronized List<ScoredPoint> anomalies(Instant from, Instant to) {
    return within(flagged, from, to);
  }

  public synchronized ScoredPoint latest() {
    return recent.peekLast();
  }

  private static List<ScoredPoint> within(ArrayDeque<ScoredPoint> points, Instant from, Instant to) {
    List<ScoredPoint> out = new ArrayList<>();
    for (ScoredPoint p : points) {
      if (!p.time().isBefore(from) && p.time().isBefore(to)) {
        out.add(p);
      }
    }
    return out;
  }
}
