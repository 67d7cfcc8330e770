package io.doppel.store.rocksdb;

import io.doppel.history.spi.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout of the change log inside the history database, beside {@link SeriesKeys}' kinds; numbers are 8
 * big-endian bytes with the sign bit flipped, so they sort as numbers:
 * <ul>
 *   <li>{@code <tenant> 0 'g' 0 <version> <entity>}: the change itself (replay reads these in order);
 *   <li>{@code <tenant> 0 'o' 0 <twin> 0 <time> <version> <entity>}: a twin's changes and its outgoing
 *       relationships' by time (its change history);
 *   <li>{@code <tenant> 0 'e' 0 <entity> 0 <version>}: one twin's or relationship's changes by version (rolling
 *       the graph back finds the last one at or before a version with one reverse seek);
 *   <li>{@code <tenant> 0 'w' 0 <time> <version> <entity>}: every change by time (a time to a version, and
 *       retention);
 *   <li>{@code <tenant> 0 'b' 0}: the log's bounds.
 * </ul>
 * The index keys have empty values and name the change by version and entity. Entities hold NUL only between a
 * relationship's source and id, and twin ids none, so each prefix ending in 0 is exact.
 */
final class ChangeKeys {
  private static final byte CHANGE = 'g';
  private static final byte TWIN = 'o';
  private static final byte ENTITY = 'e';
  private static final byte TIME = 'w';
  private static final byte BOUNDS = 'b';

  private final byte[] tenantPrefix;

  ChangeKeys(String tenant) {
    this.tenantPrefix = (tenant + '\u0000').getBytes(StandardCharsets.UTF_8);
  }

  byte[] change(long version, String entity) {
    return concat(kind(CHANGE), number(version), utf8(entity));
  }

  byte[] changePrefix() {
    return kind(CHANGE);
  }

  byte[] twin(ChangeRecord c) {
    return concat(twinPrefix(c.twinId()), number(c.time()), number(c.version()), utf8(c.entity()));
  }

  byte[] twinPrefix(String twinId) {
    return concat(kind(TWIN), utf8(twinId), new byte[] {0});
  }

  byte[] twinAt(String twinId, long time, long version, String entity) {
    return concat(twinPrefix(twinId), number(time), number(version), utf8(entity));
  }

  byte[] entity(String entity, long version) {
    return concat(entityPrefix(entity), number(version));
  }

  byte[] entityPrefix(String entity) {
    return concat(kind(ENTITY), utf8(entity), new byte[] {0});
  }

  byte[] entitiesPrefix() {
    return kind(ENTITY);
  }

  byte[] time(ChangeRecord c) {
    return concat(kind(TIME), number(c.time()), number(c.version()), utf8(c.entity()));
  }

  byte[] timeAt(long time, long version) {
    return concat(kind(TIME), number(time), number(version));
  }

  byte[] timePrefix() {
    return kind(TIME);
  }

  byte[] bounds() {
    return kind(BOUNDS);
  }

  /** The key of the change a {@code 'o'} or {@code 'w'} index key names: version and entity follow the time. */
  byte[] changeOfTimed(byte[] key, int afterPrefix) {
    int versionAt = afterPrefix + 8;
    return concat(kind(CHANGE), Arrays.copyOfRange(key, versionAt, key.length));
  }

  /** The key of the change an {@code 'e'} key names. */
  byte[] changeOfEntity(byte[] key) {
    int prefix = tenantPrefix.length + 2;
    String entity = new String(key, prefix, key.length - prefix - 9, StandardCharsets.UTF_8);
    return change(numberAt(key, key.length - 8), entity);
  }

  /** The entity part of an {@code 'e'} key. */
  String entityOf(byte[] key) {
    int prefix = tenantPrefix.length + 2;
    return new String(key, prefix, key.length - prefix - 9, StandardCharsets.UTF_8);
  }

  int timeIndexPrefixLength() {
    return tenantPrefix.length + 2;
  }

  static long numberAt(byte[] key, int offset) {
    long sortable = 0;
    for (int i = offset; i < offset + 8; i++) {
      sortable = (sortable << 8) | (key[i] & 0xFF);
    }
    return sortable ^ Long.MIN_VALUE;
  }

  static byte[] number(long n) {
    long sortable = n ^ Long.MIN_VALUE;
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (sortable >>> (56 - 8 * i));
    }
    return out;
  }

  private byte[] kind(byte kind) {
    byte[] key = Arrays.copyOf(tenantPrefix, tenantPrefix.length + 2);
    key[tenantPrefix.length] = kind;
    return key;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
