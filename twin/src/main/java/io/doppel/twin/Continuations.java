package io.doppel.twin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Opaque continuation tokens: the URL-safe Base64 of the last key returned, so paging resumes after it. */
final class Continuations {
  private Continuations() {}

  static String encode(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  static @Nullable String decode(@Nullable String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "malformed continuation token",
          java.util.List.of(new DoppelException.Detail("invalidContinuation", "continuationToken", e.getMessage())));
    }
  }

  static String incomingKey(RelState rel) {
    return rel.sourceId() + '\u0000' + rel.id();
  }
}
