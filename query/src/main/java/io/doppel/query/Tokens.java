package io.doppel.query;

import io.doppel.query.exec.ResumePoint;
import io.doppel.query.exec.RootKey;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Query continuation tokens, in the engine's style: URL-safe Base64 of a format byte, the lease holding the
 * snapshot, the page number, the query text, the access path's fingerprint and the resume position, followed by two
 * keyed tags ({@link TokenSeal}): edited, truncated or forged tokens are refused rather than resumed somewhere
 * arbitrary, and a token presented by another caller than the one it was issued to is refused too (its later pages
 * would otherwise run on the first caller's view of the graph). The token carries the query text because ADT's
 * clients (the Azure SDK among them) send only the token for the pages after the first.
 */
final class Tokens {
  /** 3: sealed with HMAC tags and bound to the caller (2 carried a CRC-32C only). */
  private static final byte FORMAT = 3;

  /** What a token carries. */
  record Token(long lease, int page, String query, int fingerprint, ResumePoint position) {
    int queryHash() {
      return hash(query);
    }
  }

  private Tokens() {}

  static int hash(String query) {
    CRC32C crc = new CRC32C();
    byte[] bytes = query.getBytes(StandardCharsets.UTF_8);
    crc.update(bytes, 0, bytes.length);
    return (int) crc.getValue();
  }

  /** The token for {@code t}, usable only by {@code caller} (an opaque name of who asked: principal and tenant). */
  static String encode(Token t, TokenSeal seal, String caller) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(t.lease());
      out.writeInt(t.page());
      byte[] query = t.query().getBytes(StandardCharsets.UTF_8);
      out.writeInt(query.length);
      out.write(query);
      out.writeInt(t.fingerprint());
      out.writeLong(t.position().emitted());
      out.writeLong(t.position().skipInCurrent());
      key(out, t.position().done());
      key(out, t.position().current());
      byte[] body = bytes.toByteArray();
      out.write(seal.caller(caller, body, body.length));
      byte[] sealed = bytes.toByteArray(); // the content and the caller's tag: what the last tag covers
      out.write(seal.issued(sealed, sealed.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  private static void key(DataOutputStream out, @Nullable RootKey key) throws IOException {
    switch (key) {
      case null -> out.writeByte(0);
      case RootKey.Id id -> {
        out.writeByte(1);
        out.writeUTF(id.id());
      }
      case RootKey.Entry e -> {
        out.writeByte(2);
        switch (e.entry().value()) {
          case IndexValue.Bool b -> {
            out.writeByte('b');
            out.writeBoolean(b.value());
          }
          case IndexValue.Num n -> {
            out.writeByte('n');
            out.writeDouble(n.value());
          }
          case IndexValue.Str s -> {
            out.writeByte('s');
            out.writeUTF(s.value());
          }
        }
        out.writeUTF(e.entry().twinId());
      }
      case RootKey.Rel r -> {
        out.writeByte(3);
        out.writeUTF(r.sourceId());
        out.writeUTF(r.relationshipId());
      }
    }
  }

  /**
   * What the token carries. 400 {@code INVALID_ARGUMENT} when this server did not issue it (or it was altered), 403
   * {@code CONTINUATION_FORBIDDEN} when it was issued to another caller than {@code caller}.
   */
  static Token decode(String token, TokenSeal seal, String caller) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid(token, "it is not URL-safe Base64");
    }
    int body = bytes.length - 2 * TokenSeal.TAG_BYTES;
    int sealed = body + TokenSeal.TAG_BYTES;
    if (body < 1 || bytes[0] != FORMAT || !TokenSeal.matches(seal.issued(bytes, sealed), bytes, sealed)) {
      throw invalid(token, "Doppel did not issue it, or it was altered");
    }
    if (!TokenSeal.matches(seal.caller(caller, bytes, body), bytes, body)) {
      throw notYours(token);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, body - 1))) {
      long lease = in.readLong();
      int page = in.readInt();
      int queryLength = in.readInt();
      if (queryLength < 0 || queryLength > body) {
        throw new IOException("bad query length " + queryLength);
      }
      String query = new String(in.readNBytes(queryLength), StandardCharsets.UTF_8);
      int fingerprint = in.readInt();
      long emitted = in.readLong();
      long skip = in.readLong();
      RootKey done = key(in);
      RootKey current = key(in);
      return new Token(lease, page, query, fingerprint, new ResumePoint(done, current, skip, emitted));
    } catch (IOException | IllegalArgumentException e) {
      throw invalid(token, "its content is malformed");
    }
  }

  private static @Nullable RootKey key(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> null;
      case 1 -> new RootKey.Id(in.readUTF());
      case 2 -> {
        int type = in.readByte();
        IndexValue value = switch (type) {
          case 'b' -> new IndexValue.Bool(in.readBoolean());
          case 'n' -> new IndexValue.Num(in.readDouble());
          case 's' -> new IndexValue.Str(in.readUTF());
          default -> throw new IOException("unknown value type " + type);
        };
        yield new RootKey.Entry(new IndexEntry(value, in.readUTF()));
      }
      case 3 -> new RootKey.Rel(in.readUTF(), in.readUTF());
      default -> throw new IOException("unknown key tag " + tag);
    };
  }

  static DoppelException invalid(String token, String why) {
    String shown = shown(token);
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, "invalid continuation token '" + shown + "': " + why,
        List.of(new DoppelException.Detail("invalidContinuation", "continuationToken", shown + ": " + why)));
  }

  private static DoppelException notYours(String token) {
    String why = "it was issued to another caller (or in another tenant); run the query again";
    return new DoppelException(ErrorCode.CONTINUATION_FORBIDDEN, "continuation token '" + shown(token) + "' refused: "
        + why, List.of(new DoppelException.Detail("continuationNotYours", "continuationToken", why)));
  }

  private static String shown(String token) {
    return token.length() > 100 ? token.substring(0, 100) + "..." : token;
  }
}
