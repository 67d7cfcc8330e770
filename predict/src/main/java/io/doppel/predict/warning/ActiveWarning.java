package io.doppel.predict.warning;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A warning in force on one twin's series: its forecast crosses {@code threshold} at about {@code expectedAt}, with
 * the {@code level} prediction interval of that time from {@code earliest} to {@code latest} (null: after the
 * horizon). {@code crossed} means the latest value is past the threshold already (the three times are then its time).
 */
public record ActiveWarning(String name, String twinId, String series, double threshold, boolean above,
    Instant expectedAt, Instant earliest, @Nullable Instant latest, double level, boolean crossed,
    Instant computedAt, double lastValue, Instant lastValueAt, String model) {

  public String direction() {
    return above ? "above" : "below";
  }

  /** "temperature crosses 90 at about ... (80%: ...)" for logs and the UI's fallback. */
  public String text() {
    String value = threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15
        ? Long.toString((long) threshold) : Double.toString(threshold);
    if (crossed) {
      return series + " is " + direction() + " " + value + " since " + lastValueAt;
    }
    return series + " crosses " + value + " at about " + expectedAt + " (" + Math.round(level * 100) + "%: "
        + earliest + ".." + (latest == null ? "after the horizon" : latest.toString()) + ")";
  }
}
