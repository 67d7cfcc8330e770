package io.doppel.server.auth;

import java.util.Locale;

/**
 * What a policy grants. {@link #ADMIN} implies every other action on everything. {@link #PERSONAL} is the right to
 * see personal data (properties co-typed {@code Personal}/{@code PersonalDrop}) in clear where others get
 * pseudonyms or nothing.
 */
public enum Action {
  READ, WRITE, DELETE, QUERY, SIMULATE, PERSONAL, ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action named {@code text} (any case), or null. */
  public static @org.jspecify.annotations.Nullable Action parse(String text) {
    for (Action a : values()) {
      if (a.name().equalsIgnoreCase(text.trim())) {
        return a;
      }
    }
    return null;
  }
}
