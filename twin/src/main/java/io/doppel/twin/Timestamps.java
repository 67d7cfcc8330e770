package io.doppel.twin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats metadata times exactly as {@link Instant#toString()} does (ISO-8601, UTC, fraction in groups of three
 * digits, trailing zero groups dropped), without a {@code DateTimeFormatter} per write: the date-time part is
 * formatted once per second and cached, the fraction is appended by hand. Every twin write stamps one such time.
 */
final class Timestamps {
  /** The last second formatted, as {@code yyyy-MM-ddTHH:mm:ss}; replaced whole, so readers need no lock. */
  private record Second(long epochSecond, String text) {}

  // Years 1970..9999 print in four digits without a sign; outside that range fall back to Instant.toString.
  private static final long MAX_FAST_SECOND = 253_402_300_799L;
  private static volatile Second last = new Second(0, "1970-01-01T00:00:00");

  private Timestamps() {}

  static String format(Instant instant) {
    long second = instant.getEpochSecond();
    if (second < 0 || second > MAX_FAST_SECOND) {
      return instant.toString();
    }
    Second cached = last;
    if (cached.epochSecond() != second) {
      String text = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
      // LocalDateTime omits ":00" seconds (and minutes); Instant.toString always prints them.
      if (text.length() == 16) {
        text += ":00";
      }
      cached = new Second(second, text);
      last = cached;
    }
    int nanos = instant.getNano();
    StringBuilder out = new StringBuilder(30).append(cached.text());
    if (nanos != 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(out, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        digits(out, nanos / 1000, 6);
      } else {
        digits(out, nanos, 9);
      }
    }
    return out.append('Z').toString();
  }

  private static void digits(StringBuilder out, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    out.append(s);
  }
}
