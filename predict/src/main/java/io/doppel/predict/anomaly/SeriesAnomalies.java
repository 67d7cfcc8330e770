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
  // a ring that starts small and grows to RECENT: most series (a twin's rarely changing properties) stay tiny
  private long[] millis = new long[4];
  private double[] values = new double[4];
  private float[] scores = new float[4];
  private float[] lows = new float[4];
  private float[] highs = new float[4];
  private float[] deviations = new float[4];
  private byte[] kinds = new byte[4];
  private boolean[] raised = new boolean[4];
  private int next;
  private int size;
  private final ArrayDeque<ScoredPoint> flagged = new ArrayDeque<>();

  SeriesAnomalies(double sensitivity) {
    detector = new AnomalyDetector(sensitivity);
  }

  synchronized ScoredPoint add(Instant time, double value) {
    AnomalyScore s = detector.score(time.getEpochSecond(), value);
    ScoredPoint p = new ScoredPoint(time, value, s);
    if (size == millis.length && size < RECENT) {
      grow(Math.min(RECENT, size * 2));
    }
    millis[next] = time.toEpochMilli();
    values[next] = value;
    scores[next] = (float) s.score();
    lows[next] = (float) s.expectedLow();
    highs[next] = (float) s.expectedHigh();
    deviations[next] = (float) s.deviation();
    kinds[next] = (byte) s.kind().ordinal();
    raised[next] = s.anomaly();
    next = (next + 1) % millis.length;
    size = Math.min(size + 1, millis.length);
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
      int i = Math.floorMod(next - size + k, millis.length);
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
    int i = Math.floorMod(next - 1, millis.length);
    return point(i, Instant.ofEpochMilli(millis[i]));
  }

  /** Only called when full, so the oldest is at {@code next}: copy oldest first and continue after them. */
  private void grow(int capacity) {
    int n = millis.length;
    long[] m = new long[capacity];
    double[] v = new double[capacity];
    float[] sc = new float[capacity];
    float[] lo = new float[capacity];
    float[] hi = new float[capacity];
    float[] dv = new float[capacity];
    byte[] kd = new byte[capacity];
    boolean[] rs = new boolean[capacity];
    for (int k = 0; k < n; k++) {
      int i = (next + k) % n;
      m[k] = millis[i];
      v[k] = values[i];
      sc[k] = scores[i];
      lo[k] = lows[i];
      hi[k] = highs[i];
      dv[k] = deviations[i];
      kd[k] = kinds[i];
      rs[k] = raised[i];
    }
    millis = m;
    values = v;
    scores = sc;
    lows = lo;
    highs = hi;
    deviations = dv;
    kinds = kd;
    raised = rs;
    next = n;
  }

  private ScoredPoint point(int i, Instant t) {
    return new ScoredPoint(t, values[i], new AnomalyScore(scores[i], lows[i], highs[i], deviations[i],
        KINDS[kinds[i]], raised[i]));
  }
}
