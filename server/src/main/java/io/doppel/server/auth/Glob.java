package io.doppel.server.auth;

import java.util.regex.Pattern;

/** A twin-id or property pattern: {@code *} any run of characters, {@code ?} one; everything else literal. */
record Glob(String text, Pattern pattern) {
  static Glob of(String text) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  boolean everything() {
    return text.equals("*");
  }

  boolean matches(String value) {
    return pattern.matcher(value).matches();
  }
}
