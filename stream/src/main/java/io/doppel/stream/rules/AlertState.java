package io.doppel.stream.rules;

import java.util.Locale;

/** Where one alert rule stands for one twin. The JSON names ({@code ok}, {@code pending}, {@code active}) are API. */
public enum AlertState {
  /** The condition does not hold (or the alert was cleared). */
  OK,
  /** The condition holds, but not yet for the rule's {@code for}. */
  PENDING,
  /** Raised: stays so until the clear condition holds. */
  ACTIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state {@code text} names ({@code ok}, {@code pending}, {@code active}); null when it names none. */
  public static @org.jspecify.annotations.Nullable AlertState parse(String text) {
    for (AlertState s : values()) {
      if (s.label().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    return null;
  }
}
