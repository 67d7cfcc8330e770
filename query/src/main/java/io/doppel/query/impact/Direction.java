package io.doppel.query.impact;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * Which way an impact question follows relationships. A relationship {@code A -[dependsOn]-> B} reads "A depends on
 * B": from B, {@link #UPSTREAM} finds A (the twins that depend on B, which B's failure affects); from A,
 * {@link #DOWNSTREAM} finds B (the twins A depends on, which could explain A's failure).
 */
public enum Direction {
  /** Against the relationships: to their sources, the twins that depend on this one. */
  UPSTREAM,
  /** Along the relationships: to their targets, the twins this one depends on. */
  DOWNSTREAM;

  /** Reads {@code upstream} or {@code downstream} (any case), as the HTTP route's {@code direction} parameter. */
  public static Direction parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "upstream" -> UPSTREAM;
      case "downstream" -> DOWNSTREAM;
      default -> throw new DoppelException(ErrorCode.INVALID_ARGUMENT,
          "direction must be 'upstream' or 'downstream', was '" + text + "'",
          List.of(new DoppelException.Detail("invalidDirection", "direction", "upstream or downstream")));
    };
  }
}
