package io.doppel.predict.anomaly.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a detector on a corpus as NAB does: every row earns the scaled-sigmoid reward of its position relative to
 * the labelled windows; a window counts once, by its earliest detection, or costs {@code fnWeight} when missed; rows
 * outside windows cost {@code fpWeight} scaled by their distance past the previous window; the first 15% of each
 * file (at most 750 rows) is not scored. One threshold is chosen for the whole corpus, the one with the highest sum,
 * and the sum is normalised between the null detector and the perfect one.
 */
public final class NabScorer {

  /** NAB's starting threshold, above any score: nothing detected. */
  private static final double NO_DETECTION = 1.1;

  private NabScorer() {}

  /** Picks the best corpus-wide threshold for {@code files}' scores under {@code profile} and scores at it. */
  public static CorpusScore score(List<NabFile> files, NabProfile profile) {
    List<SweptFile> swept = files.stream().map(f -> SweptFile.of(f, profile)).toList();
    return scoreSwept(files, swept, profile, bestThreshold(swept, profile));
  }

  /** Scores {@code files} at a given threshold (e.g. a published one). */
  public static CorpusScore scoreAt(List<NabFile> files, NabProfile profile, double threshold) {
    List<SweptFile> swept = files.stream().map(f -> SweptFile.of(f, profile)).toList();
    return scoreSwept(files, swept, profile, threshold);
  }

  private static CorpusScore scoreSwept(
      List<NabFile> files, List<SweptFile> swept, NabProfile profile, double threshold) {
    List<FileScore> perFile = new ArrayList<>();
    double raw = 0;
    for (SweptFile f : swept) {
      FileScore s = scoreFile(f, profile, threshold);
      perFile.add(s);
      raw += s.score();
    }
    double nullScore = nullScore(files, profile);
    int windows = files.stream().mapToInt(f -> f.windows().size()).sum();
    double perfect = windows * profile.tpWeight();
    double normalised = 100 * (raw - nullScore) / (perfect - nullScore);
    return new CorpusScore(profile, threshold, raw, nullScore, perfect, normalised, perFile);
  }

  /** NAB's null detector says 0.5 everywhere; its best threshold is its baseline. */
  private static double nullScore(List<NabFile> files, NabProfile profile) {
    List<SweptFile> nulls = files.stream().map(f -> {
      double[] half = new double[f.rows()];
      Arrays.fill(half, 0.5);
      return SweptFile.of(f.withScores(half), profile);
    }).toList();
    double t = bestThreshold(nulls, profile);
    double sum = 0;
    for (SweptFile f : nulls) {
      sum += scoreFile(f, profile, t).score();
    }
    return sum;
  }

  /** Rows with an anomaly score at or above {@code threshold} are detections. */
  static FileScore scoreFile(SweptFile f, NabProfile profile, double threshold) {
    double[] best = new double[f.windowCount == 0 ? 0 : maxWindow(f) + 1];
    boolean[] present = new boolean[best.length];
    Arrays.fill(best, -profile.fnWeight());
    double fpScore = 0;
    int tp = 0;
    int tn = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < f.score.length; i++) {
      int w = f.window[i];
      if (w == SweptFile.PROBATION) {
        continue;
      }
      boolean detected = f.score[i] >= threshold;
      if (w == SweptFile.OUTSIDE) {
        if (detected) {
          fp++;
          fpScore += f.sweep[i];
        } else {
          tn++;
        }
      } else {
        present[w] = true;
        if (detected) {
          tp++;
          best[w] = Math.max(best[w], f.sweep[i]);
        } else {
          fn++;
        }
      }
    }
    double score = fpScore;
    for (int w = 0; w < best.length; w++) {
      if (present[w]) {
        score += best[w];
      }
    }
    return new FileScore(f.name, threshold, score, tp, tn, fp, fn, f.score.length);
  }

  private static int maxWindow(SweptFile f) {
    int max = -1;
    for (int w : f.window) {
      max = Math.max(max, w);
    }
    return max;
  }

  /**
   * Lowers the threshold through every distinct score of the corpus, keeping the running sum of fp rewards and each
   * window's best reward, and returns the threshold with the highest sum (the highest such threshold on a tie).
   */
  static double bestThreshold(List<SweptFile> files, NabProfile profile) {
    int total = 0;
    int[] windowBase = new int[files.size()];
    int windowTotal = 0;
    for (int k = 0; k < files.size(); k++) {
      SweptFile f = files.get(k);
      windowBase[k] = windowTotal;
      windowTotal += Math.max(maxWindow(f) + 1, 0);
      for (int w : f.window) {
        total += w == SweptFile.PROBATION ? 0 : 1;
      }
    }
    double[] score = new double[total];
    double[] sweep = new double[total];
    int[] window = new int[total];
    boolean[] scorable = new boolean[windowTotal];
    int r = 0;
    for (int k = 0; k < files.size(); k++) {
      SweptFile f = files.get(k);
      for (int i = 0; i < f.score.length; i++) {
        int w = f.window[i];
        if (w == SweptFile.PROBATION) {
          continue;
        }
        score[r] = f.score[i];
        sweep[r] = f.sweep[i];
        window[r] = w == SweptFile.OUTSIDE ? -1 : windowBase[k] + w;
        if (w >= 0) {
          scorable[windowBase[k] + w] = true;
        }
        r++;
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    double[] best = new double[windowTotal];
    Arrays.fill(best, -profile.fnWeight());
    double windowSum = 0;
    for (int w = 0; w < windowTotal; w++) {
      if (scorable[w]) {
        windowSum -= profile.fnWeight();
      }
    }
    double fpSum = 0;
    double current = NO_DETECTION;
    double bestThreshold = NO_DETECTION;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int idx : order) {
      if (score[idx] != current) {
        double s = fpSum + windowSum;
        if (s > bestScore) {
          bestScore = s;
          bestThreshold = current;
        }
        current = score[idx];
      }
      int w = window[idx];
      if (w < 0) {
        fpSum += sweep[idx];
      } else if (sweep[idx] > best[w]) {
        windowSum += sweep[idx] - best[w];
        best[w] = sweep[idx];
      }
    }
    if (fpSum + windowSum > bestScore) {
      bestThreshold = current;
    }
    return bestThreshold;
  }
}
