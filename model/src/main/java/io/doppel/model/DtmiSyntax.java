package io.doppel.model;

/**
 * DTMI syntax checked in one pass, without regular expressions. The equivalent patterns repeat a group per
 * segment, and Java's regex engine recurses per repetition: a 2,000-character id of a thousand segments
 * ({@code dtmi:a:a:a:...}) overflowed the stack of the thread that validated it. Same language, linear and flat.
 */
final class DtmiSyntax {
  private DtmiSyntax() {}

  /** The ids {@link Dtmi} holds: segments may start with underscores, version optional, minor version allowed. */
  static boolean isDtmi(String text) {
    return matches(text, true, false, true);
  }

  /** DTDL's identifier rule for {@code @id}: v2 needs a version and has no minor version; v3 and later do not. */
  static boolean isIdentifier(String text, int version) {
    return version == 2 ? matches(text, false, true, false) : matches(text, false, false, true);
  }

  private static boolean matches(String text, boolean underscoreLead, boolean versionRequired, boolean minor) {
    if (!text.startsWith("dtmi:")) {
      return false;
    }
    int semi = text.indexOf(';');
    int pathEnd = semi < 0 ? text.length() : semi;
    if (semi < 0 ? versionRequired : !version(text, semi + 1, minor)) {
      return false;
    }
    int start = 5;
    while (true) {
      int colon = text.indexOf(':', start);
      int end = colon < 0 || colon > pathEnd ? pathEnd : colon;
      if (!segment(text, start, end, underscoreLead)) {
        return false;
      }
      if (end == pathEnd) {
        return true;
      }
      start = end + 1;
    }
  }

  /** {@code (?:_+[A-Za-z0-9]|[A-Za-z])(?:[A-Za-z0-9_]*[A-Za-z0-9])?}, or without the underscore lead. */
  private static boolean segment(String s, int from, int to, boolean underscoreLead) {
    if (from >= to) {
      return false;
    }
    int i = from;
    if (underscoreLead && s.charAt(i) == '_') {
      while (i < to && s.charAt(i) == '_') {
        i++;
      }
      if (i >= to || !letterOrDigit(s.charAt(i))) {
        return false;
      }
    } else if (!letter(s.charAt(i))) {
      return false;
    }
    for (int j = i + 1; j < to; j++) {
      if (!letterOrDigit(s.charAt(j)) && s.charAt(j) != '_') {
        return false;
      }
    }
    return s.charAt(to - 1) != '_';
  }

  /** {@code [1-9][0-9]{0,8}}, then with {@code minor} an optional {@code \.[1-9][0-9]{0,5}}, to the end. */
  private static boolean version(String s, int from, boolean minor) {
    int dot = s.indexOf('.', from);
    int majorEnd = dot < 0 ? s.length() : dot;
    if (!number(s, from, majorEnd, 9)) {
      return false;
    }
    return dot < 0 || minor && number(s, dot + 1, s.length(), 6);
  }

  private static boolean number(String s, int from, int to, int maxDigits) {
    if (to - from < 1 || to - from > maxDigits || s.charAt(from) < '1' || s.charAt(from) > '9') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean letter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static boolean letterOrDigit(char c) {
    return letter(c) || c >= '0' && c <= '9';
  }
}
