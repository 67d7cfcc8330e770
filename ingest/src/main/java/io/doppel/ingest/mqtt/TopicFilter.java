package io.doppel.ingest.mqtt;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's topic filter, limited to what the endpoint sends down: {@code twins/{id}/desired} and
 * {@code twins/{id}/commands/{name}}, where {@code {id}} may be {@code +}, {@code {name}} may be {@code +} or
 * {@code #}, and {@code twins/{id}/#} takes both. Anything else (other topics, shared subscriptions, malformed
 * wildcards) is refused with a reason: devices subscribe to what Doppel tells them, not to each other.
 */
final class TopicFilter {
  private final String text;
  private final String[] levels;

  private TopicFilter(String text, String[] levels) {
    this.text = text;
    this.levels = levels;
  }

  /** A filter, or why it is refused. */
  sealed interface Parsed permits Accepted, Refused {}

  record Accepted(TopicFilter filter) implements Parsed {}

  /** {@code sharedSubscription}: a {@code $share/...} filter (MQTT 5 reason 0x9E rather than 0x8F). */
  record Refused(String reason, boolean sharedSubscription) implements Parsed {}

  static Parsed parse(String text) {
    if (text.startsWith("$share/")) {
      return new Refused("shared subscriptions are not supported", true);
    }
    String[] levels = text.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return new Refused("'#' must be a whole level at the end of the filter: '" + text + "'", false);
      }
      if (level.contains("+") && !level.equals("+")) {
        return new Refused("'+' must be a whole level: '" + text + "'", false);
      }
    }
    if (!served(levels)) {
      return new Refused("'" + text + "' is not a topic Doppel publishes: subscribe to twins/{id}/desired or "
          + "twins/{id}/commands/+ (id may be +)", false);
    }
    return new Accepted(new TopicFilter(text, levels));
  }

  private static boolean served(String[] levels) {
    if (levels.length < 3 || !levels[0].equals("twins") || levels[1].isEmpty() || levels[1].equals("#")) {
      return false;
    }
    return switch (levels.length) {
      case 3 -> levels[2].equals("desired") || levels[2].equals("#");
      case 4 -> levels[2].equals("commands") && !levels[3].isEmpty();
      default -> false;
    };
  }

  String text() {
    return text;
  }

  /** The one twin this filter is about, or null when its twin level is {@code +}. */
  @Nullable String twinId() {
    return levels[1].equals("+") ? null : levels[1];
  }

  /** MQTT matching of a topic name (no wildcards) against this filter. */
  boolean matches(String topic) {
    int level = 0;
    int start = 0;
    while (true) {
      int end = topic.indexOf('/', start);
      String part = end < 0 ? topic.substring(start) : topic.substring(start, end);
      if (level >= levels.length) {
        return false;
      }
      String wanted = levels[level];
      if (wanted.equals("#")) {
        return true;
      }
      if (!wanted.equals("+") && !wanted.equals(part)) {
        return false;
      }
      level++;
      if (end < 0) {
        // "a/#" also matches "a" itself
        return level == levels.length || (level == levels.length - 1 && levels[level].equals("#"));
      }
      start = end + 1;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicFilter other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text + " " + Arrays.toString(levels);
  }
}
