package io.doppel.twin.patch;

import java.util.ArrayList;
import java.util.List;

/** An RFC 6901 pointer, unescaped into its reference tokens; the empty pointer is the whole document. */
public record JsonPointer(String text, List<String> tokens) {
  public JsonPointer {
    tokens = List.copyOf(tokens);
  }

  /** Parses pointer text; throws {@link IllegalArgumentException} saying why when it is malformed. */
  public static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException("a JSON Pointer must be empty or start with '/'");
    }
    List<String> tokens = new ArrayList<>(4);
    int start = 1;
    while (true) {
      int end = text.indexOf('/', start);
      String raw = text.substring(start, end < 0 ? text.length() : end);
      tokens.add(raw.indexOf('~') < 0 ? raw : unescape(raw));
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    return new JsonPointer(text, tokens);
  }

  private static String unescape(String raw) {
    StringBuilder token = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        token.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
      if (next == '0') {
        token.append('~');
      } else if (next == '1') {
        token.append('/');
      } else {
        throw new IllegalArgumentException("'~' must be followed by '0' or '1'");
      }
      i++;
    }
    return token.toString();
  }

  public boolean isRoot() {
    return tokens.isEmpty();
  }

  /** The first token, or the empty string for the root. */
  public String head() {
    return tokens.isEmpty() ? "" : tokens.get(0);
  }

  public String last() {
    return tokens.get(tokens.size() - 1);
  }

  public List<String> parentTokens() {
    return tokens.subList(0, tokens.size() - 1);
  }

  /** True when this pointer is {@code other} or lies below it. */
  public boolean startsWith(JsonPointer other) {
    return tokens.size() >= other.tokens.size() && tokens.subList(0, other.tokens.size()).equals(other.tokens);
  }

  /** This pointer with {@code prefix} tokens put in front. */
  public JsonPointer under(String prefix) {
    List<String> all = new ArrayList<>(tokens.size() + 1);
    all.add(prefix);
    all.addAll(tokens);
    return new JsonPointer("/" + escape(prefix) + text, all);
  }

  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public String toString() {
    return text;
  }
}
