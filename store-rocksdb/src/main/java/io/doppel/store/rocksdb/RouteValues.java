package io.doppel.store.rocksdb;

import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.ParkedLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Values of the routes database. An entry is its key and type, each as a 4-byte length and UTF-8, then the payload's
 * UTF-8 to the end; a letter is the parked time (epoch ms), the attempts, the reason as length and UTF-8, then the
 * entry as above. The version is in the key.
 */
final class RouteValues {
  private RouteValues() {}

  static byte[] entry(OutboxEntry e) {
    byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
    byte[] type = e.type().getBytes(StandardCharsets.UTF_8);
    byte[] payload = e.payload().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + key.length + type.length + payload.length)
        .putInt(key.length).put(key).putInt(type.length).put(type).put(payload).array();
  }

  static OutboxEntry entry(long version, byte[] value) {
    return entry(version, ByteBuffer.wrap(value));
  }

  private static OutboxEntry entry(long version, ByteBuffer in) {
    String key = string(in, in.getInt());
    String type = string(in, in.getInt());
    String payload = string(in, in.remaining());
    return new OutboxEntry(version, key, type, payload);
  }

  static byte[] letter(ParkedLetter letter) {
    byte[] reason = letter.reason().getBytes(StandardCharsets.UTF_8);
    byte[] entry = entry(letter.entry());
    return ByteBuffer.allocate(16 + reason.length + entry.length).putLong(letter.parkedAt().toEpochMilli())
        .putInt(letter.attempts()).putInt(reason.length).put(reason).put(entry).array();
  }

  static ParkedLetter letter(long version, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    Instant parkedAt = Instant.ofEpochMilli(in.getLong());
    int attempts = in.getInt();
    String reason = string(in, in.getInt());
    return new ParkedLetter(entry(version, in), reason, attempts, parkedAt);
  }

  private static String string(ByteBuffer in, int length) {
    String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }
}
