package io.doppel.store.rocksdb;

import io.doppel.history.spi.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout of the history database: {@code <tenant> 0 'c' 0 <twin> 0 <name> 0 <start>} chunks, with the start as
 * 8 big-endian bytes with the sign bit flipped (so keys sort by time, before 1970 too), and
 * {@code <tenant> 0 's' 0 <twin> 0 <name>} the series catalog, whose value is the twin's model. Series keys hold no
 * NUL, so a series' chunks are exactly the keys under its prefix. {@code <tenant> 0 'v' 0} holds the engine version
 * whose changes are all recorded, as 8 big-endian bytes; {@code <tenant> 0 'o' 0 <name>} the history's settings
 * (its retention rules), as UTF-8 text.
 */
final class SeriesKeys {
  static final byte[] FORMAT = "\u0000doppel-history-format".getBytes(StandardCharsets.UTF_8);
  private static final byte CHUNK = 'c';
  private static final byte CATALOG = 's';
  private static final byte RECORDED = 'v';
  private static final byte SETTING = 'o';

  private final byte[] tenantPrefix;

  SeriesKeys(String tenant) {
    this.tenantPrefix = (tenant + '\u0000').getBytes(StandardCharsets.UTF_8);
  }

  /** Every chunk key of {@code series} starts with this. */
  byte[] chunkPrefix(SeriesKey series) {
    return with(CHUNK, series.twinId() + '\u0000' + series.name() + '\u0000');
  }

  byte[] chunk(SeriesKey series, long start) {
    byte[] prefix = chunkPrefix(series);
    byte[] key = Arrays.copyOf(prefix, prefix.length + 8);
    long sortable = start ^ Long.MIN_VALUE;
    for (int i = 0; i < 8; i++) {
      key[prefix.length + i] = (byte) (sortable >>> (56 - 8 * i));
    }
    return key;
  }

  static long startOf(byte[] key) {
    long sortable = 0;
    for (int i = key.length - 8; i < key.length; i++) {
      sortable = (sortable << 8) | (key[i] & 0xFF);
    }
    return sortable ^ Long.MIN_VALUE;
  }

  /** The engine version the history has recorded up to. */
  byte[] recorded() {
    return with(RECORDED, "");
  }

  byte[] setting(String name) {
    return with(SETTING, name);
  }

  byte[] catalog(SeriesKey series) {
    return with(CATALOG, series.twinId() + '\u0000' + series.name());
  }

  /** The catalog keys of one twin ({@code twinId} given) or of all twins. */
  byte[] catalogPrefix(String twinId) {
    return with(CATALOG, twinId.isEmpty() ? "" : twinId + '\u0000');
  }

  /** The series a catalog key names. */
  SeriesKey seriesOf(byte[] catalogKey) {
    int start = tenantPrefix.length + 2;
    String rest = new String(catalogKey, start, catalogKey.length - start, StandardCharsets.UTF_8);
    int sep = rest.indexOf('\u0000');
    return new SeriesKey(rest.substring(0, sep), rest.substring(sep + 1));
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private byte[] with(byte kind, String rest) {
    byte[] restBytes = rest.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[tenantPrefix.length + 2 + restBytes.length];
    System.arraycopy(tenantPrefix, 0, key, 0, tenantPrefix.length);
    key[tenantPrefix.length] = kind;
    key[tenantPrefix.length + 1] = 0;
    System.arraycopy(restBytes, 0, key, tenantPrefix.length + 2, restBytes.length);
    return key;
  }
}
