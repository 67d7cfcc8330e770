package io.doppel.predict.anomaly;

/**
 * Online anomaly detector for one numeric series: O(1) time per value and a fixed amount of memory (at most 1440
 * time-of-day buckets and a 4,096-bit set of shapes). Not thread-safe; one instance per series.
 *
 * <p>Each value is compared with two predictions and the one that has been more accurate on this series is used:
 * the long-run level (an exponentially weighted mean and spread over about a thousand values) and, on series whose
 * days repeat, the same time of the previous day. Three tests are run against it: distance from the prediction
 * (spikes; a spike as close to one of yesterday's values from this time to an hour later is expected), distance of
 * the recent average from the long-run level (level shifts) and distance beyond the lowest or highest value seen so
 * far (new extremes). The largest deviation, as a Gaussian tail probability, is the surprise
 * {@code s = -log10 p}. To it is added the evidence of the last values' shape ({@link PatternNovelty}: a window of
 * values never seen on a series that repeats itself), weighted by {@link #PATTERN_WEIGHT}. The score is
 * {@code s / (s + 20 / sensitivity)}, so 0.5 is a one-in-10^20 event at sensitivity 1. After an anomaly the series
 * stays quiet for {@link #QUIET_AFTER_ANOMALY} values (scores capped at 0.25), since what follows a break is the same
 * incident, not a new one.
 *
 * <p>These choices were measured on the Numenta Anomaly Benchmark (see docs/prediction.md); the constants are the
 * same for every series.
 */
public final class AnomalyDetector {

  /** Values after an anomaly during which no new anomaly is raised. */
  public static final int QUIET_AFTER_ANOMALY = 200;
  /** Values learned from before any score is given. */
  public static final int WARMUP = 300;

  static final double ALPHA_SLOW = 0.001;
  static final double ALPHA_FAST = 0.1;
  static final double NEW_EXTREME_MARGIN = 0.05;
  static final double SEASONAL_BETTER_BY = 0.5;
  /** How much later in the day yesterday's values may explain a spike. */
  static final long DAILY_DRIFT_SECONDS = 3600;
  /**
   * Surprise added per unit of pattern surprise: a never-seen window on a series where one appears once in 100 values
   * adds 20, as much as a one-in-10^20 deviation.
   */
  static final double PATTERN_WEIGHT = 10;
  private static final double SURPRISE_AT_HALF = 20;
  private static final double REL_SD_FLOOR = 1e-3;
  private static final double SHIFT_SD = Math.sqrt(ALPHA_FAST / (2 - ALPHA_FAST));
  private static final double LN10 = Math.log(10);
  private static final double LN2 = Math.log(2);

  private final Ewm slow = new Ewm(ALPHA_SLOW);
  private final Ewm fast = new Ewm(ALPHA_FAST);
  private final DailyProfile daily = new DailyProfile();
  private final MeanSquare dailyError = new MeanSquare(ALPHA_SLOW);
  private final PatternNovelty patterns = new PatternNovelty();
  private double sensitivity;
  private long n;
  private double min;
  private double max;
  private long lastAnomalyAt = Long.MIN_VALUE / 2;

  public AnomalyDetector() {
    this(1.0);
  }

  /** @param sensitivity above 1 raises more anomalies, below 1 fewer; must be positive */
  public AnomalyDetector(double sensitivity) {
    setSensitivity(sensitivity);
  }

  public void setSensitivity(double sensitivity) {
    if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
      throw new IllegalArgumentException("sensitivity must be a positive number, got " + sensitivity);
    }
    this.sensitivity = sensitivity;
  }

  public double sensitivity() {
    return sensitivity;
  }

  /** Values seen so far. */
  public long count() {
    return n;
  }

  /**
   * Scores {@code value} at {@code epochSecond} and learns from it. Non-finite values are not learned from and score 0.
   */
  public AnomalyScore score(long epochSecond, double value) {
    if (!Double.isFinite(value)) {
      return AnomalyScore.LEARNING;
    }
    double yesterday = daily.closestYesterday(epochSecond, value);
    if (!Double.isNaN(yesterday)) {
      dailyError.add(value - yesterday);
    }
    double patternSurprise = PATTERN_WEIGHT * patterns.add(value);
    n++;
    if (n == 1) {
      slow.add(value);
      fast.add(value);
      min = value;
      max = value;
      daily.add(epochSecond, value);
      return AnomalyScore.LEARNING;
    }
    double range = max - min;
    double floor = Math.max(REL_SD_FLOOR * Math.max(Math.abs(slow.mean()), range), 1e-12);
    double sd = Math.max(slow.sd(), floor);
    double expected = slow.mean();
    double spread = sd;
    fast.add(value);
    double shift = Math.abs(fast.mean() - slow.mean()) / (sd * SHIFT_SD);
    AnomalyKind kind = AnomalyKind.SPIKE;
    double dailyRms = Math.sqrt(dailyError.mean());
    if (!Double.isNaN(yesterday) && dailyError.count() > WARMUP && dailyRms < SEASONAL_BETTER_BY * sd) {
      expected = yesterday;
      spread = Math.max(dailyRms, floor);
      shift = 0; // the level moves through the day by design
      kind = AnomalyKind.DAILY_PATTERN;
    }
    double deviation = (value - expected) / spread;
    double z = Math.abs(deviation);
    if (z > 3 && dailyError.count() > WARMUP) {
      // a value that also came up to an hour later yesterday is a daily job that starts earlier each day: expected
      // (looking an hour earlier too was measured: 3 NAB points worse, it explains real anomalies away)
      double nearYesterday = daily.closestYesterdayUpTo(epochSecond, value, DAILY_DRIFT_SECONDS);
      double dailySpread = Math.max(dailyRms, floor);
      double fromYesterday = Math.abs(value - nearYesterday) / dailySpread;
      if (fromYesterday < z) {
        expected = nearYesterday;
        spread = dailySpread;
        deviation = (value - expected) / spread;
        z = fromYesterday;
        kind = AnomalyKind.DAILY_PATTERN;
      }
    }
    daily.add(epochSecond, value);
    if (shift > z) {
      z = shift;
      kind = AnomalyKind.LEVEL_SHIFT;
    }
    if (n > WARMUP && range > 0) {
      double beyond = Math.max(value - max, min - value) / range;
      if (beyond > NEW_EXTREME_MARGIN) {
        double extreme = 10 * beyond / NEW_EXTREME_MARGIN;
        if (extreme > z) {
          z = extreme;
          kind = AnomalyKind.NEW_EXTREME;
        }
      }
    }
    slow.add(value);
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (n <= WARMUP) {
      return new AnomalyScore(0, expected - 3 * spread, expected + 3 * spread, deviation, AnomalyKind.NONE, false);
    }
    double surprise = Math.max(0, -(GaussianTail.logQ(z) + LN2) / LN10); // two-sided: 0 at no deviation
    if (patternSurprise > surprise) {
      kind = AnomalyKind.UNUSUAL_PATTERN;
    }
    surprise += patternSurprise; // independent evidence: their log-probabilities add
    double score = surprise / (surprise + SURPRISE_AT_HALF / sensitivity);
    boolean anomaly = false;
    if (n - lastAnomalyAt <= QUIET_AFTER_ANOMALY) {
      score = Math.min(score, 0.25);
    } else if (score >= 0.5) {
      anomaly = true;
      lastAnomalyAt = n;
    }
    return new AnomalyScore(score, expected - 3 * spread, expected + 3 * spread, deviation,
        score < 0.25 && !anomaly ? AnomalyKind.NONE : kind, anomaly);
  }
}
