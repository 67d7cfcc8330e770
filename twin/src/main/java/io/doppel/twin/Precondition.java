package io.doppel.twin;

import org.jspecify.annotations.Nullable;

/**
 * Optimistic-concurrency conditions of a write, from the HTTP headers.
 *
 * @param ifMatch an ETag the resource must currently have, or {@code *} for "must exist"
 * @param ifNoneMatchAny {@code If-None-Match: *}: the write may only create
 */
public record Precondition(@Nullable String ifMatch, boolean ifNoneMatchAny) {
  private static final Precondition NONE = new Precondition(null, false);

  public static Precondition none() {
    return NONE;
  }

  /** Whether there is anything to check: most writes carry no condition. */
  public boolean isNone() {
    return ifMatch == null && !ifNoneMatchAny;
  }

  public static Precondition ifMatch(String etag) {
    return new Precondition(etag, false);
  }

  public static Precondition createOnly() {
    return new Precondition(null, true);
  }
}
