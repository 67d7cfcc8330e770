package io.doppel.ingest.mapping;

/**
 * An MQTT-style topic filter ({@code plant/+/sensors/#}) that Kafka topics and HTTP paths are matched with too:
 * {@code +} is one level, {@code #} (last only) any number of levels, including none.
 */
record TopicFilter(String text, String[] levels) {
  static TopicFilter parse(String text, String field) {
    if (text.isEmpty()) {
      throw Definitions.invalid(field, "the topic filter is empty");
    }
    String[] levels = text.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.equals("#") && i != levels.length - 1) {
        throw Definitions.invalid(field, "'#' may only be the last level of '" + text + "'");
      }
      if (level.length() > 1 && (level.contains("+") || level.contains("#"))) {
        throw Definitions.invalid(field, "a wildcard must be a whole level, not '" + level + "' in '" + text + "'");
      }
    }
    return new TopicFilter(text, levels);
  }

  boolean matches(String[] topic) {
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.equals("#")) {
        return true;
      }
      if (i >= topic.length || !(level.equals("+") || level.equals(topic[i]))) {
        return false;
      }
    }
    return topic.length == levels.length;
  }

  /**
   * How specific the filter is, for choosing among several that match: each literal level counts more than any
   * number of wildcards after it, and {@code +} more than {@code #}.
   */
  int specificity() {
    int score = 0;
    for (String level : levels) {
      score += switch (level) {
        case "#" -> 0;
        case "+" -> 1;
        default -> 100;
      };
    }
    return score;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicFilter f && f.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
