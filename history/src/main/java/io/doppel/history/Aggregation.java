package io.doppel.history;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import java.util.Locale;

/** How a bucket's points become one value. */
public enum Aggregation {
  AVG, MIN, MAX, FIRST, LAST, COUNT;

  /** {@code avg}, {@code min}, ... in any case; anything else is refused naming {@code target}. */
  public static Aggregation parse(String text, String target) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String message = "must be one of avg, min, max, first, last, count; got '" + text + "'";
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, target + ": " + message,
          List.of(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), target, message)));
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
