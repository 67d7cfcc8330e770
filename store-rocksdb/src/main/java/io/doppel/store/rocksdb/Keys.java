package io.doppel.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout. Every data key starts with the tenant id and a 0 byte, so adding tenants later needs no migration:
 * {@code <tenant> 0 'm' 0 <dtmi>} models, {@code <tenant> 0 'r' 0 <source> 0 <relationship>} relationships,
 * {@code <tenant> 0 't' 0 <twin>} twins, {@code <tenant> 0 'v'} the last version, and since format 2
 * {@code <tenant> 0 'i' 0 <path>} property index definitions. Index definitions and models sort before twins, so
 * loading sees them first. Ids never contain control characters, so 0 is a safe separator. The format version
 * lives outside every tenant, under {@link #FORMAT}.
 */
final class Keys {
  static final byte[] FORMAT = "\u0000doppel-format".getBytes(StandardCharsets.UTF_8);
  static final byte INDEX = 'i';
  static final byte MODEL = 'm';
  static final byte RELATIONSHIP = 'r';
  static final byte TWIN = 't';
  static final byte VERSION = 'v';

  private final byte[] tenantPrefix;

  Keys(String tenant) {
    this.tenantPrefix = (tenant + '\u0000').getBytes(StandardCharsets.UTF_8);
  }

  byte[] prefix() {
    return tenantPrefix.clone();
  }

  byte[] version() {
    byte[] key = Arrays.copyOf(tenantPrefix, tenantPrefix.length + 1);
    key[tenantPrefix.length] = VERSION;
    return key;
  }

  byte[] model(String id) {
    return key(MODEL, id);
  }

  byte[] index(String path) {
    return key(INDEX, path);
  }

  byte[] twin(String id) {
    return key(TWIN, id);
  }

  /** {@link #twin(String)}'s bytes, written into {@code into} (which must have room: {@link #twinLength}). */
  void twin(String id, java.nio.ByteBuffer into) {
    into.put(tenantPrefix).put(TWIN).put((byte) 0);
    Values.utf8(id, into);
  }

  /** At most the length of a twin's key. */
  int twinLength(String id) {
    return tenantPrefix.length + 2 + 3 * id.length();
  }

  byte[] relationship(String sourceId, String id) {
    return key(RELATIONSHIP, sourceId + '\u0000' + id);
  }

  private byte[] key(byte kind, String id) {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[tenantPrefix.length + 2 + idBytes.length];
    System.arraycopy(tenantPrefix, 0, key, 0, tenantPrefix.length);
    key[tenantPrefix.length] = kind;
    key[tenantPrefix.length + 1] = 0;
    System.arraycopy(idBytes, 0, key, tenantPrefix.length + 2, idBytes.length);
    return key;
  }

  /** The kind byte of a key under this tenant, or 0 when the key is not a data key. */
  byte kindOf(byte[] key) {
    return key.length > tenantPrefix.length + 1 && key[tenantPrefix.length + 1] == 0 ? key[tenantPrefix.length] : 0;
  }

  /** The id part of a data key (for relationships: source, 0, relationship id). */
  String idOf(byte[] key) {
    int start = tenantPrefix.length + 2;
    return new String(key, start, key.length - start, StandardCharsets.UTF_8);
  }
}
