package io.doppel.server.auth;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where the pseudonym key comes from: the one configured ({@code --pseudonym-key} / {@code DOPPEL_PSEUDONYM_KEY}),
 * else the one stored in the auth store, else a new random one stored there. Stored once and reused, so that
 * pseudonyms stay the same across restarts: an export taken today joins with one taken next month.
 */
public final class PseudonymKey {
  static final String STORE_KEY = "privacy/pseudonym-key";

  private PseudonymKey() {}

  public static Pseudonymizer resolve(@Nullable String configured, AuthStore store) {
    if (configured != null && !configured.isBlank()) {
      return new Pseudonymizer(configured.getBytes(StandardCharsets.UTF_8));
    }
    return new Pseudonymizer(ServerSecret.stored(store, STORE_KEY));
  }
}
