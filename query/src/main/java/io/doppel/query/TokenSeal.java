package io.doppel.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed seals a continuation token carries, so that it can neither be forged nor be used by anyone but the
 * caller it was issued to. Two truncated HMAC-SHA256 tags under a key only the server holds: one over the content
 * and the caller it was issued to (is it this caller's?), then one over the content and that first tag (did this
 * server issue it, unaltered?). Keeping them apart lets a refusal say which failed: any edit, tags included, fails
 * the second; only an intact token in another caller's hands fails the first alone. Thread-safe.
 */
final class TokenSeal {
  /** 128 bits per tag: far past guessing, short enough for a URL. */
  static final int TAG_BYTES = 16;

  private final SecretKeySpec key;

  TokenSeal(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a continuation token key needs at least 16 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /**
   * The seal of services given no key: a random one per process, so that their tokens are good in every service of
   * this process (one reopened on the same graph too) and nowhere else. A server passes its stored key instead.
   */
  static final TokenSeal PROCESS = random();

  private static TokenSeal random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new TokenSeal(key);
  }

  byte[] issued(byte[] content, int length) {
    return tag("issued", "", content, length);
  }

  byte[] caller(String caller, byte[] content, int length) {
    return tag("caller", caller, content, length);
  }

  static boolean matches(byte[] expected, byte[] bytes, int offset) {
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, offset, offset + TAG_BYTES));
  }

  private byte[] tag(String purpose, String caller, byte[] content, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(caller.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(content, 0, length);
      return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
