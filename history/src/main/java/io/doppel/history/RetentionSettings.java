package io.doppel.history;

import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention rules kept in the history's own store (in {@link Retention#parse}'s form), so that rules set through the
 * API survive a restart. Stored rules take precedence over the start-up options: they were set later, on purpose.
 */
final class RetentionSettings {
  static final String KEY = "retention";
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSettings.class);

  private RetentionSettings() {}

  static Retention load(SeriesStore store, Retention configured) {
    Optional<String> stored = store.setting(KEY);
    if (stored.isEmpty()) {
      return configured;
    }
    Retention rules;
    try {
      rules = Retention.parse(stored.get());
    } catch (IllegalArgumentException e) {
      LOG.error("the stored history retention '{}' is unreadable ({}); using the start-up rules", stored.get(),
          e.getMessage());
      return configured;
    }
    if (!configured.equals(Retention.forever()) && !configured.equals(rules)) {
      LOG.warn("history retention set through the API ({}) overrides the start-up rules ({})", rules.spec(),
          configured.spec());
    }
    return rules;
  }

  static void store(SeriesStore store, Retention rules) {
    store.write(List.of(new SeriesWrite.Setting(KEY, rules.spec())));
  }
}
