package io.doppel.predict.anomaly;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One live series: its detector, the last {@link #RECENT} scored values (in primitive arrays, about 30 bytes each) and
 * the last {@link #FLAGGED} anomalies. With the detector's time-of-day buckets a series holds at most about 60 KB,
 * however long it runs. Thread-safe (values of one series arrive on one writer thread, reads come from request
 * threads).
 */
public final class SeriesAnomalies {

  public static final int RECENT = 1_000;
  public static final int FLAGGED = 100;
  private static final AnomalyKind[] KINDS = AnomalyKind.values();

  private final AnomalyDetector detector;
  private final long[] millis = new long[RECENT];
  private final double[] values = new double[RECENT];
  private final float[] scores = new float[RECENT];
  private final float[] lows = new float[RECENT];
  private final float[] highs = new float[RECENT];
  private final float[] deviations = new float[RECENT];
  private final byte[] kinds = new byte[RECENT];
  private final boolean[] raised = new boolean[RECENT];
  private int next;
  private int size;
  private final ArrayDeque<ScoredPoint> flagged = new ArrayDeque<>();

  SeriesAnomalies(double sensitivity) {
    detector = new AnomalyDetector(sensitivity);
  }

  synchronized ScoredPoint add(Instant time, double value) {
    AnomalyScore s = detector.score(time.getEpochSecond(), value);
    ScoredPoint p = new ScoredPoint(time, value, s);
    millis[next] = time.toEpochMilli();
    values[next] = value;
    scores[next] = (float) s.score();
    lows[next] = (float) s.expectedLow();
    highs[next] = (float) s.expectedHigh();
    deviations[next] = (float) s.deviation();
    kinds[next] = (byte) s.kind().ordinal();
    raised[next] = s.anomaly();
    next = (next + 1) % RECENT;
    size = Math.min(size + 1, RECENT);
    if (s.anomaly()) {
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

  /** The kept scored values in [from, to), oldest first (scores and ranges at float precision). */
  public synchronized List<ScoredPoint> points(Instant from, Instant to) {
    List<ScoredPoint> out = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      int i = Math.floorMod(next - size + k, RECENT);
      Instant t = Instant.ofEpochMilli(millis[i]);
      if (!t.isBefore(from) && t.isBefore(to)) {
        out.add(point(i, t));
      }
    }
    return out;
  }

  public synchronized List<ScoredPoint> anomalies(Instant from, Instant to) {
    List<ScoredPoint> out = new ArrayList<>();
    for (ScoredPoint p : flagged) {
      if (!p.time().isBefore(from) && p.time().isBefore(to)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The newest scored value, or null before the first. */
  public synchronized @org.jspecify.annotations.Nullable ScoredPoint latest() {
    if (size == 0) {
      return null;
    }
    int i = Math.floorMod(next - 1, RECENT);
    return point(i, Instant.ofEpochMilli(millis[i]));
  }

  private ScoredPoint point(int i, Instant t) {
    return new ScoredPoint(t, values[i], new AnomalyScore(scores[i], lows[i], highs[i], deviations[i],
        KINDS[kinds[i]], raised[i]));
  }
}
