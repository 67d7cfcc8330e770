package io.doppel.predict.anomaly;

/**
 * A value's anomaly score with what it was compared against.
 *
 * @param score in [0, 1]; 0.5 and above is an anomaly at sensitivity 1
 * @param expectedLow lower end of the expected range (the model's prediction minus three spreads)
 * @param expectedHigh upper end of the expected range
 * @param deviation how far the value is from the expectation, in spreads (a z-score)
 * @param anomaly whether this value raised an anomaly: the score reached 0.5 and no anomaly was raised on the
 *     series within the previous {@link AnomalyDetector#QUIET_AFTER_ANOMALY} values
 */
public record AnomalyScore(
    double score, double expectedLow, double expectedHigh, double deviation, AnomalyKind kind, boolean anomaly) {

  static final AnomalyScore LEARNING = new AnomalyScore(0, Double.NaN, Double.NaN, 0, AnomalyKind.NONE, false);
}
