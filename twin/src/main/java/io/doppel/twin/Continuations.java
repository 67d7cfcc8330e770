package io.doppel.twin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Opaque continuation tokens: URL-safe Base64 of a format byte, the listing the token belongs to, the last key
 * returned (so paging resumes after it) and a CRC-32C of all that. The checksum lets the engine refuse tokens it did
 * not issue (garbage, truncated, edited) instead of silently paging from some arbitrary key; it is not a secret,
 * because a forged token can only start a listing the caller may read anyway. Tokens survive restarts.
 */
final class Continuations {
  private static final byte FORMAT = 1;

  /** The listing a token continues: a token of one listing is refused by the others. */
  enum Listing {
    TWINS('t'), RELATIONSHIPS('r'), INCOMING('i');

    private final byte tag;

    Listing(char tag) {
      this.tag = (byte) tag;
    }
  }

  private Continuations() {}

  static String encode(Listing listing, String lastKey) {
    byte[] key = lastKey.getBytes(StandardCharsets.UTF_8);
    ByteBuffer token = ByteBuffer.allocate(2 + key.length + 4).put(FORMAT).put(listing.tag).put(key);
    token.putInt(checksum(token.array(), 2 + key.length));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  /** The key to resume after, or {@code null} to start at the beginning (no token). */
  static @Nullable String decode(Listing listing, @Nullable String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid(token, "it is not URL-safe Base64");
    }
    int body = bytes.length - 4;
    if (body < 2 || bytes[0] != FORMAT || ByteBuffer.wrap(bytes, body, 4).getInt() != checksum(bytes, body)) {
      throw invalid(token, "the engine did not issue it, or it was altered");
    }
    if (bytes[1] != listing.tag) {
      throw invalid(token, "it continues another listing");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 2, body))).toString();
    } catch (CharacterCodingException e) {
      throw invalid(token, "its key is not UTF-8");
    }
  }

  private static int checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static DoppelException invalid(String token, String why) {
    // Tokens are short and printable (Base64) when the engine issued them; cap what we echo of anything else.
    String shown = token.length() > 100 ? token.substring(0, 100) + "..." : token;
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, "invalid continuation token '" + shown + "': " + why,
        List.of(new DoppelException.Detail("invalidContinuation", "continuationToken", shown + ": " + why)));
  }

  static String incomingKey(RelState rel) {
    return rel.sourceId() + '\u0000' + rel.id();
  }
}
