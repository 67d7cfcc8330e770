package io.doppel.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout of the ingest database ({@code <data>/ingest}): {@code 'D' <namespace> 0 <id> 0 <version>} a document
 * version (value: 8 bytes of epoch milliseconds, then the UTF-8 text), {@code 'V' <namespace> 0 <id>} the last
 * version ever given to an id (kept after a delete, so that numbers never repeat), {@code 'L' <id>} a dead letter
 * (8 big-endian bytes, so letters sort oldest first), {@code 'M'} the dead letters' last id and eviction count.
 * Numbers are big-endian; ids hold no NUL (the services check their pattern).
 */
final class IngestKeys {
  static final byte[] FORMAT = "\u0000doppel-ingest-format".getBytes(StandardCharsets.UTF_8);
  static final byte[] LETTER_PREFIX = {'L'};
  static final byte[] LETTER_META = {'M'};

  private IngestKeys() {}

  static byte[] documentPrefix(String namespace, String id) {
    return text('D', namespace + '\u0000' + id + '\u0000');
  }

  static byte[] namespacePrefix(String namespace) {
    return text('D', namespace + '\u0000');
  }

  static byte[] document(String namespace, String id, int version) {
    byte[] prefix = documentPrefix(namespace, id);
    return ByteBuffer.allocate(prefix.length + 4).put(prefix).putInt(version).array();
  }

  static byte[] lastVersion(String namespace, String id) {
    return text('V', namespace + '\u0000' + id);
  }

  /** The id and version of a document key under {@code namespacePrefix}. */
  static String idOf(byte[] key, int namespacePrefixLength) {
    return new String(key, namespacePrefixLength, key.length - namespacePrefixLength - 5, StandardCharsets.UTF_8);
  }

  static int versionOf(byte[] key) {
    return ByteBuffer.wrap(key, key.length - 4, 4).getInt();
  }

  static byte[] letter(long id) {
    return ByteBuffer.allocate(9).put((byte) 'L').putLong(id).array();
  }

  static long letterId(byte[] key) {
    return ByteBuffer.wrap(key, 1, 8).getLong();
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] text(char kind, String rest) {
    byte[] restBytes = rest.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[1 + restBytes.length];
    key[0] = (byte) kind;
    System.arraycopy(restBytes, 0, key, 1, restBytes.length);
    return key;
  }
}
