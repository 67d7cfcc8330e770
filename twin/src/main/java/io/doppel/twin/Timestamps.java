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
    // Latin-1 bytes straight into one array: a StringBuilder and the digits' own string were garbage per write.
    String date = cached.text();
    byte[] text = new byte[date.length() + 11];
    int at = 0;
    for (; at < date.length(); at++) {
      text[at] = (byte) date.charAt(at);
    }
    if (nanos != 0) {
      text[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        at = digits(text, at, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        at = digits(text, at, nanos / 1000, 6);
      } else {
        at = digits(text, at, nanos, 9);
      }
    }
    text[at++] = 'Z';
    return new String(text, 0, at, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code value} in {@code width} digits, zero-padded, at {@code at}; answers the position after them. */
  private static int digits(byte[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
