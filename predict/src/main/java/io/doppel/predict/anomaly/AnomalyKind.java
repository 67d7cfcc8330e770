package io.doppel.predict.anomaly;

/** Which test a value failed most: the explanation's headline. */
public enum AnomalyKind {
  /** Nothing unusual. */
  NONE,
  /** Far from the series' recent level. */
  SPIKE,
  /** The recent average moved away from the long-run level. */
  LEVEL_SHIFT,
  /** Unlike the same time of the previous day, on a series whose days repeat. */
  DAILY_PATTERN,
  /** Beyond the lowest or highest value seen so far, by more than a twentieth of the range. */
  NEW_EXTREME,
  /** The last few values form a shape never seen on a series that repeats itself. */
  UNUSUAL_PATTERN
}
