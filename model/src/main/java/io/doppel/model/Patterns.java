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

  /**
   * Whether {@code text} matches {@code pattern}; DTDL's identifier patterns are checked in one pass by
   * {@link DtmiSyntax} instead, because Java's engine recurses once per segment and an identifier of a thousand
   * segments overflowed the validating thread's stack.
   */
  static boolean matches(Pattern pattern, String text) {
    Integer version = IdentifierPatterns.VERSIONS.get(pattern.pattern());
    return version != null ? DtmiSyntax.isIdentifier(text, version) : pattern.matcher(text).matches();
  }

  /** The digest's identifier pattern of each DTDL version, read once, when first needed. */
  private static final class IdentifierPatterns {
    static final Map<String, Integer> VERSIONS = versions();

    private static Map<String, Integer> versions() {
      Map<String, Integer> out = new java.util.HashMap<>();
      for (int version : new int[] {2, 3}) {
        String regex = MetaModel.get().identifierPattern(version);
        if (regex != null) {
          out.put(regex, version);
        }
      }
      return Map.copyOf(out);
    }
  }

  static boolean matches(String regex, String text) {
    return compile(regex).map(p -> p.matcher(text).matches()).orElse(true);
  }
}
