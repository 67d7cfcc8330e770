package io.doppel.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout of the routes database: {@code <tenant> 0 'r' 0 <route>} a route's definition,
 * {@code <tenant> 0 'o' 0 <route> 0 <version>} an outbox entry and {@code <tenant> 0 'l' 0 <route> 0 <version>} a
 * parked letter, versions as 8 big-endian bytes (they are never negative), so each route's entries sort by
 * version. Route ids hold no NUL, so a route's entries are exactly the keys under its prefix.
 */
final class RouteKeys {
  static final byte[] FORMAT = "\u0000doppel-routes-format".getBytes(StandardCharsets.UTF_8);
  private static final byte DEFINITION = 'r';
  private static final byte OUTBOX = 'o';
  private static final byte LETTER = 'l';

  private final byte[] tenantPrefix;

  RouteKeys(String tenant) {
    this.tenantPrefix = (tenant + '\u0000').getBytes(StandardCharsets.UTF_8);
  }

  byte[] definition(String routeId) {
    return with(DEFINITION, routeId);
  }

  byte[] definitionPrefix() {
    return with(DEFINITION, "");
  }

  String routeOf(byte[] definitionKey) {
    int start = definitionPrefix().length;
    return new String(definitionKey, start, definitionKey.length - start, StandardCharsets.UTF_8);
  }

  byte[] entry(String routeId, long version) {
    return versioned(OUTBOX, routeId, version);
  }

  /** Just past every outbox key of the route: an iterator's upper bound, a range delete's end. */
  byte[] entriesEnd(String routeId) {
    return with(OUTBOX, routeId + '\u0001');
  }

  byte[] letter(String routeId, long version) {
    return versioned(LETTER, routeId, version);
  }

  byte[] lettersEnd(String routeId) {
    return with(LETTER, routeId + '\u0001');
  }

  static long versionOf(byte[] key) {
    long v = 0;
    for (int i = key.length - 8; i < key.length; i++) {
      v = (v << 8) | (key[i] & 0xFF);
    }
    return v;
  }

  private byte[] versioned(byte kind, String routeId, long version) {
    byte[] prefix = with(kind, routeId + '\u0000');
    byte[] key = Arrays.copyOf(prefix, prefix.length + 8);
    long v = Math.max(0, version);
    for (int i = 0; i < 8; i++) {
      key[prefix.length + i] = (byte) (v >>> (56 - 8 * i));
    }
    return key;
  }

  private byte[] with(byte kind, String rest) {
    byte[] tail = rest.getBytes(StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOf(tenantPrefix, tenantPrefix.length + 2 + tail.length);
    key[tenantPrefix.length] = kind;
    key[tenantPrefix.length + 1] = 0;
    System.arraycopy(tail, 0, key, tenantPrefix.length + 2, tail.length);
    return key;
  }
}
