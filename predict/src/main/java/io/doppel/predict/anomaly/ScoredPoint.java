package io.doppel.predict.anomaly;

import java.time.Instant;

/** A value of a live series with its anomaly score and explanation. */
public record ScoredPoint(Instant time, double value, AnomalyScore score) {}
