package io.doppel.server.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A secret the server generates once (256 random bits) and keeps in the auth store under {@code <data>/auth}, so
 * that what it signs or derives stays valid across restarts; a server without a data directory makes one per run.
 */
public final class ServerSecret {
  /** Seals query continuation tokens (see {@code io.doppel.query.QueryService}). */
  static final String CONTINUATION_KEY = "query/continuation-key";

  private ServerSecret() {}

  /** The key continuation tokens are sealed with. */
  public static byte[] continuationKey(AuthStore store) {
    return stored(store, CONTINUATION_KEY);
  }

  /** The secret under {@code storeKey}, generated and stored first when there is none. */
  static byte[] stored(AuthStore store, String storeKey) {
    Optional<String> stored = store.get(storeKey);
    if (stored.isPresent()) {
      return Base64.getUrlDecoder().decode(stored.get());
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    store.put(storeKey, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    return key;
  }
}
