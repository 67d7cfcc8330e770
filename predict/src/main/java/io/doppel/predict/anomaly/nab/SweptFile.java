package io.doppel.predict.anomaly.nab;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's rows with the reward each would earn if it were a detection ({@code sweep}) and the window it belongs to
 * ({@link #OUTSIDE}, {@link #PROBATION} or the window's index), as NAB's sweeper lays them out before it tries
 * thresholds.
 */
final class SweptFile {

  static final int OUTSIDE = -1;
  static final int PROBATION = -2;

  final String name;
  final double[] score;
  final double[] sweep;
  final int[] window;
  final int windowCount;

  private SweptFile(String name, double[] score, double[] sweep, int[] window, int windowCount) {
    this.name = name;
    this.score = score;
    this.sweep = sweep;
    this.window = window;
    this.windowCount = windowCount;
  }

  /** NAB's probationary period: 15% of the rows, at most 750; kept fractional as NAB compares against it. */
  static double probationaryLength(int rows) {
    return Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
  }

  static SweptFile of(NabFile file, NabProfile profile) {
    List<LocalDateTime> ts = file.timestamps();
    Map<LocalDateTime, Integer> indexOf = new HashMap<>();
    for (int i = ts.size() - 1; i >= 0; i--) {
      indexOf.put(ts.get(i), i); // first occurrence wins, as list.index() does
    }
    int n = ts.size();
    double[] sweep = new double[n];
    int[] window = new int[n];
    double probation = probationaryLength(n);
    List<NabFile.Window> windows = file.windows();
    int nextWindow = 0;
    int current = -1;
    int currentRight = -1;
    double currentWidth = 0;
    int prevRight = -1;
    double prevWidth = 0;
    boolean[] scorableWindow = new boolean[windows.size()];
    for (int i = 0; i < n; i++) {
      LocalDateTime t = ts.get(i);
      if (nextWindow < windows.size() && t.equals(windows.get(nextWindow).start())) {
        NabFile.Window w = windows.get(nextWindow);
        Integer right = indexOf.get(w.end());
        if (right == null) {
          throw new IllegalArgumentException(file.name() + ": window end " + w.end() + " is not a row's timestamp");
        }
        current = nextWindow++;
        currentRight = right;
        currentWidth = currentRight - indexOf.get(w.start()) + 1;
      }
      if (current >= 0) {
        double position = -(currentRight - i + 1) / currentWidth;
        sweep[i] = ScaledSigmoid.of(position) * profile.tpWeight() / ScaledSigmoid.MAX_TP;
      } else {
        double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
        sweep[i] = ScaledSigmoid.of(position) * profile.fpWeight();
      }
      if (i < probation) {
        window[i] = PROBATION;
      } else {
        window[i] = current >= 0 ? current : OUTSIDE;
        if (current >= 0) {
          scorableWindow[current] = true;
        }
      }
      if (current >= 0 && t.equals(windows.get(current).end())) {
        prevRight = i;
        prevWidth = currentWidth;
        current = -1;
      }
    }
    if (nextWindow < windows.size()) {
      throw new IllegalArgumentException(
          file.name() + ": window start " + windows.get(nextWindow).start() + " is not a row's timestamp");
    }
    int count = 0;
    for (boolean b : scorableWindow) {
      count += b ? 1 : 0;
    }
    return new SweptFile(file.name(), file.anomalyScores().clone(), sweep, window, count);
  }
}
