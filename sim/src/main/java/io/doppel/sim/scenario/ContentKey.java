package io.doppel.sim.scenario;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a value made of records, lists, maps, arrays, enums, strings and numbers, as canonical bytes and
 * their SHA-256: two values have the same bytes exactly when every component, element and number (to the bit) is
 * the same, whatever the identity of their arrays or the iteration order of their maps. A value holding anything
 * else (a lambda, a class with hidden state) has no content key, so nothing can be mistaken for it.
 */
final class ContentKey {
  private final byte[] content;
  private final String hash;

  private ContentKey(byte[] content) {
    this.content = content;
    this.hash = HexFormat.of().formatHex(sha256(content));
  }

  /** The key of {@code values} taken together, or empty when one of them holds something without a content. */
  static Optional<ContentKey> of(Object... values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (Object v : values) {
        if (!write(out, v)) {
          return Optional.empty();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new ContentKey(bytes.toByteArray()));
  }

  String hash() {
    return hash;
  }

  /** The full content, compared too: a hash collision must not pass as a match. */
  boolean sameContent(ContentKey other) {
    return Arrays.equals(content, other.content);
  }

  private static boolean write(DataOutputStream out, Object v) throws IOException {
    switch (v) {
      case null -> out.writeByte('N');
      case Double d -> {
        out.writeByte('D');
        out.writeLong(Double.doubleToLongBits(d));
      }
      case Float f -> {
        out.writeByte('F');
        out.writeInt(Float.floatToIntBits(f));
      }
      case Long l -> {
        out.writeByte('J');
        out.writeLong(l);
      }
      case Integer i -> {
        out.writeByte('I');
        out.writeInt(i);
      }
      case Short s -> {
        out.writeByte('S');
        out.writeShort(s);
      }
      case Byte b -> {
        out.writeByte('B');
        out.writeByte(b);
      }
      case Boolean b -> {
        out.writeByte('Z');
        out.writeBoolean(b);
      }
      case Character c -> {
        out.writeByte('C');
        out.writeChar(c);
      }
      case String s -> {
        out.writeByte('T');
        writeString(out, s);
      }
      case Enum<?> e -> {
        out.writeByte('E');
        writeString(out, e.getDeclaringClass().getName());
        writeString(out, e.name());
      }
      case Record r -> {
        return writeRecord(out, r);
      }
      case List<?> list -> {
        out.writeByte('L');
        return writeElements(out, list);
      }
      case Map<?, ?> map -> {
        out.writeByte('M');
        return writeMap(out, map);
      }
      case Collection<?> c -> {
        // a set's iteration order says nothing about its content: no key rather than a wrong one
        return false;
      }
      default -> {
        if (!v.getClass().isArray()) {
          return false;
        }
        out.writeByte('A');
        writeString(out, v.getClass().getComponentType().getName());
        int n = Array.getLength(v);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
          if (!write(out, Array.get(v, i))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean writeRecord(DataOutputStream out, Record r) throws IOException {
    out.writeByte('R');
    writeString(out, r.getClass().getName());
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      writeString(out, c.getName());
      Object value;
      try {
        value = c.getAccessor().invoke(r);
      } catch (IllegalAccessException | InvocationTargetException e) {
        return false;
      }
      if (!write(out, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean writeElements(DataOutputStream out, List<?> list) throws IOException {
    out.writeInt(list.size());
    for (Object e : list) {
      if (!write(out, e)) {
        return false;
      }
    }
    return true;
  }

  /** Entries in the order of their keys' bytes, so equal maps write the same whatever their iteration order. */
  private static boolean writeMap(DataOutputStream out, Map<?, ?> map) throws IOException {
    List<byte[]> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      ByteArrayOutputStream key = new ByteArrayOutputStream();
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      try (DataOutputStream k = new DataOutputStream(key); DataOutputStream v = new DataOutputStream(value)) {
        if (!write(k, e.getKey()) || !write(v, e.getValue())) {
          return false;
        }
      }
      byte[] k = key.toByteArray();
      byte[] both = Arrays.copyOf(k, k.length + value.size());
      System.arraycopy(value.toByteArray(), 0, both, k.length, value.size());
      entries.add(both);
    }
    // keys are distinct, and no key's bytes are a prefix of another's, so sorting whole entries sorts by key
    entries.sort(Arrays::compare);
    out.writeInt(entries.size());
    for (byte[] e : entries) {
      out.write(e);
    }
    return true;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeInt(s.length());
    out.writeChars(s);
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
