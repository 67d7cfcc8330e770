package io.doppel.predict.anomaly;

/**
 * Evidence from the shape of the last few values rather than from their size: a series that repeats itself (a square
 * wave, a daily cycle, steady traffic) is anomalous when the last {@link #WINDOW} values form a shape it has never
 * shown, even if every value is in its usual range. O(1) time per value and fixed memory (about 0.6 KB).
 *
 * <p>Each value is put in one of {@link #LEVELS} equal bins between the lowest and the highest value seen before it;
 * the bins of the last {@link #WINDOW} values are a window (one of 10^4) and the windows seen are remembered in a
 * 4096-bit set by hash. A window never seen is as surprising as new windows are rare on this series: the surprise is
 * {@code -log10} of the rate at which new windows have appeared (exponentially weighted over about a thousand values,
 * starting at 1, so a young series is never surprised). A series that has shown many different windows does not
 * repeat itself: the surprise is scaled down as the set fills and is 0 once half of it is set (2,048 windows seen), so
 * noise, whose rare values keep making new windows at a steady low rate, is not taken for a pattern.
 */
final class PatternNovelty {

  static final int LEVELS = 10;
  static final int WINDOW = 4;
  private static final int WINDOWS = (int) Math.pow(LEVELS, WINDOW);
  private static final int SET_BITS = 12;
  private static final int VARIED = (1 << SET_BITS) / 2;
  private static final double ALPHA = AnomalyDetector.ALPHA_SLOW;
  private static final double RATE_FLOOR = 1e-6;

  private final long[] seen = new long[(1 << SET_BITS) / 64];
  private double min = Double.NaN;
  private double max = Double.NaN;
  private int window;
  private long count;
  private int windowsSeen;
  private double newRate = 1;

  /** Learns {@code value} and returns the surprise of the window it completes: 0 if seen, else about -log10(rate). */
  double add(double value) {
    int level = level(value);
    min = Double.isNaN(min) ? value : Math.min(min, value);
    max = Double.isNaN(max) ? value : Math.max(max, value);
    window = (window * LEVELS + level) % WINDOWS;
    count++;
    if (count < WINDOW) {
      return 0;
    }
    int slot = (window * 0x9E3779B9) >>> (32 - SET_BITS);
    long bit = 1L << slot;
    boolean isNew = (seen[slot >>> 6] & bit) == 0;
    double surprise = 0;
    if (isNew) {
      surprise = -Math.log10(Math.max(newRate, RATE_FLOOR)) * Math.max(0, 1 - (double) windowsSeen / VARIED);
      windowsSeen++;
      seen[slot >>> 6] |= bit;
    }
    newRate += ALPHA * ((isNew ? 1 : 0) - newRate);
    return surprise;
  }

  private int level(double value) {
    if (!(max > min)) {
      return 0;
    }
    int level = (int) ((value - min) / (max - min) * LEVELS);
    return Math.max(0, Math.min(LEVELS - 1, level));
  }
}
