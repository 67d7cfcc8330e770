package io.doppel.model;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the digest's regular expressions (written for .NET) for Java, once each. .NET reads a {@code {} that
 * does not start a quantifier as a literal brace; Java does not, so such braces are escaped.
 */
final class Patterns {
  private static final Map<String, Optional<Pattern>> CACHE = new ConcurrentHashMap<>();
  private static final Pattern LITERAL_BRACE = Pattern.compile("(?<!\\\\)\\{(?![0-9])");

  private Patterns() {}

  /** The compiled pattern, or empty when it cannot be expressed in Java (then the check is skipped). */
  static Optional<Pattern> compile(String regex) {
    return CACHE.computeIfAbsent(regex, r -> {
      try {
        return Optional.of(Pattern.compile(LITERAL_BRACE.matcher(r).replaceAll("\\\\{")));
      } catch (PatternSyntaxException e) {
        return Optional.empty();
      }
    });
  }

  static boolean matches(String regex, String text) {
    return compile(regex).map(p -> p.matcher(text).matches()).orElse(true);
  }
}
