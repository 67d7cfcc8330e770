package io.doppel.history;

import io.doppel.model.Dtmi;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How long points are kept: a default maximum age (none = forever) and rules per model ({@code dtmi:x:Room;1}) or per
 * property or telemetry of a model ({@code dtmi:x:Room;1#temperature}, which also covers the leaves under it, such as
 * {@code temperature/max}). The most specific rule wins. Ages count from the clock, against point times. A series
 * follows the model its twin had when it was last written.
 */
public record Retention(@Nullable Duration defaultMaxAge, Map<String, Duration> rules) {
  public Retention {
    rules = Map.copyOf(rules);
    if (defaultMaxAge != null) {
      requirePositive(defaultMaxAge, "the default");
    }
    rules.forEach((key, age) -> {
      String model = key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
      if (!Dtmi.isValid(model)) {
        throw new IllegalArgumentException("a retention rule is keyed by a DTMI or DTMI#name, got '" + key + "'");
      }
      requirePositive(age, key);
    });
  }

  /** Keep everything. */
  public static Retention forever() {
    return new Retention(null, Map.of());
  }

  /**
   * Parses {@code P30D,dtmi:x:Room;1=P7D,dtmi:x:Room;1#temperature=PT24H}: an entry without {@code =} is the default,
   * the others are rules; ages are ISO-8601 durations. Throws {@link IllegalArgumentException} naming the bad entry.
   */
  public static Retention parse(String spec) {
    Duration fallback = null;
    Map<String, Duration> rules = new TreeMap<>();
    for (String raw : spec.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.lastIndexOf('=');
      if (eq < 0) {
        fallback = duration(entry, entry);
      } else {
        rules.put(entry.substring(0, eq).strip(), duration(entry.substring(eq + 1).strip(), entry));
      }
    }
    return new Retention(fallback, rules);
  }

  /** The rules in the form {@link #parse} reads: the default first, then the rules in key order. */
  public String spec() {
    StringBuilder out = new StringBuilder(defaultMaxAge == null ? "" : defaultMaxAge.toString());
    new TreeMap<>(rules).forEach((key, age) -> {
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(key).append('=').append(age);
    });
    return out.toString();
  }

  /** The maximum age for series {@code name} of a twin of {@code model}, if any. */
  public Optional<Duration> maxAge(String model, String name) {
    Duration exact = rules.get(model + "#" + name);
    if (exact != null) {
      return Optional.of(exact);
    }
    int slash = name.indexOf('/');
    if (slash > 0) {
      Duration top = rules.get(model + "#" + name.substring(0, slash));
      if (top != null) {
        return Optional.of(top);
      }
    }
    Duration byModel = rules.get(model);
    return Optional.ofNullable(byModel != null ? byModel : defaultMaxAge);
  }

  private static Duration duration(String text, String entry) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("retention entry '" + entry + "': '" + text
          + "' is not an ISO-8601 duration such as P30D or PT12H");
    }
  }

  private static void requirePositive(Duration age, String what) {
    if (age.isNegative() || age.isZero()) {
      throw new IllegalArgumentException("retention for " + what + " must be positive, was " + age);
    }
  }
}
