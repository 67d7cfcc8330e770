package io.doppel.store.rocksdb;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.spi.StoredIndex;
import io.doppel.twin.spi.StoredModel;
import io.doppel.twin.spi.StoredRelationship;
import io.doppel.twin.spi.StoredTwin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Value layouts (big-endian): strings are a 2-byte length then UTF-8 (ids are at most 1024 characters), the
 * engine's document is the rest of the value. Model: decommissioned byte, upload millis, source (4-byte length).
 * Twin: version, model. Relationship: version, target, name. Index definition: a layout byte (1), then nothing
 * else yet: the path is the key; the byte leaves room for index options without another format change.
 */
final class Values {
  private Values() {}

  static byte[] model(StoredModel m) {
    byte[] source = m.source().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 8 + 4 + source.length)
        .put((byte) (m.decommissioned() ? 1 : 0)).putLong(m.uploadTimeMillis()).putInt(source.length).put(source)
        .array();
  }

  static StoredModel model(String id, byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    boolean decommissioned = b.get() == 1;
    long uploaded = b.getLong();
    int length = b.getInt();
    return new StoredModel(id, new String(value, b.position(), length, StandardCharsets.UTF_8), decommissioned,
        uploaded);
  }

  static byte[] twin(StoredTwin t) {
    byte[] model = t.model().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + 2 + model.length + t.document().length)
        .putLong(t.version()).putShort((short) model.length).put(model).put(t.document()).array();
  }

  /** {@link #twin(StoredTwin)}'s bytes, written into {@code into} (which must have room: {@link #twinLength}). */
  static void twin(StoredTwin t, ByteBuffer into) {
    into.putLong(t.version());
    int lengthAt = into.position();
    into.putShort((short) 0);
    int length = utf8(t.model(), into);
    into.putShort(lengthAt, (short) length).put(t.document());
  }

  /** At most the length of a twin's value. */
  static int twinLength(StoredTwin t) {
    return 8 + 2 + 3 * t.model().length() + t.document().length;
  }

  /**
   * Writes {@code s} as UTF-8 and answers the number of bytes: ids and DTMIs are ASCII, written without the
   * intermediate array of {@link String#getBytes}.
   */
  static int utf8(String s, ByteBuffer into) {
    int start = into.position();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7F) {
        into.position(start);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        into.put(bytes);
        return bytes.length;
      }
      into.put((byte) c);
    }
    return s.length();
  }

  static StoredTwin twin(String id, byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    long version = b.getLong();
    String model = string(b);
    return new StoredTwin(id, model, version, Arrays.copyOfRange(value, b.position(), value.length));
  }

  static byte[] relationship(StoredRelationship r) {
    byte[] target = r.targetId().getBytes(StandardCharsets.UTF_8);
    byte[] name = r.name().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + 2 + target.length + 2 + name.length + r.document().length)
        .putLong(r.version()).putShort((short) target.length).put(target).putShort((short) name.length).put(name)
        .put(r.document()).array();
  }

  static StoredRelationship relationship(String sourceAndId, byte[] value) {
    int separator = sourceAndId.indexOf('\u0000');
    ByteBuffer b = ByteBuffer.wrap(value);
    long version = b.getLong();
    String target = string(b);
    String name = string(b);
    return new StoredRelationship(sourceAndId.substring(0, separator), sourceAndId.substring(separator + 1), target,
        name, version, Arrays.copyOfRange(value, b.position(), value.length));
  }

  private static String string(ByteBuffer b) {
    int length = Short.toUnsignedInt(b.getShort());
    String s = new String(b.array(), b.position(), length, StandardCharsets.UTF_8);
    b.position(b.position() + length);
    return s;
  }

  private static final byte INDEX_LAYOUT = 1;

  static byte[] index(StoredIndex index) {
    return new byte[] {INDEX_LAYOUT};
  }

  static StoredIndex index(String path, byte[] value) {
    if (value.length < 1 || value[0] != INDEX_LAYOUT) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE,
          "the index definition of '" + path + "' has an unknown layout; upgrade Doppel to open this store");
    }
    return new StoredIndex(path);
  }

  static byte[] version(long version) {
    return ByteBuffer.allocate(8).putLong(version).array();
  }

  static long version(byte[] value) {
    return ByteBuffer.wrap(value).getLong();
  }
}
