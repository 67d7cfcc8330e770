package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes the common twin document as the bytes Jackson's Smile generator (shared names and shared string values on)
 * writes for it, with one reusable buffer and back-reference table per thread: a Jackson generator costs every
 * encode ~1.5 KB of garbage (the generator, its contexts, two 64-slot tables and a node per name and string seen),
 * a third of what a patch allocated. It covers what twins are made of: objects, arrays, ASCII names of up to 64
 * bytes, ASCII strings, ints, longs, doubles, booleans and null, at most 64 distinct names and 31 distinct short
 * strings (the back-references that fit one byte). Anything else returns {@code null} and the caller encodes with
 * Jackson, so no document's bytes depend on which encoder wrote them (TwinCodecTest compares them byte for byte).
 */
final class SmileWriter {
  private static final int MAX_NAMES = 64; // one-byte shared name references: 0x40-0x7F
  private static final int MAX_VALUES = 31; // one-byte shared string references: 0x01-0x1F
  private static final int MAX_SHORT_BYTES = 64;
  private static final int MAX_DEPTH = 100;
  private static final byte[] HEADER = {':', ')', '\n', 0x03}; // version 0, shared names and string values

  private static final ThreadLocal<SmileWriter> PER_THREAD = ThreadLocal.withInitial(SmileWriter::new);

  private byte[] out = new byte[1024];
  private int length;
  private final String[] names = new String[MAX_NAMES];
  private final int[] nameHashes = new int[MAX_NAMES];
  private int nameCount;
  private final String[] values = new String[MAX_VALUES];
  private final int[] valueHashes = new int[MAX_VALUES];
  private int valueCount;

  private SmileWriter() {}

  /** The Smile encoding of {@code document}, or {@code null} when it holds something this writer leaves to Jackson. */
  static byte @Nullable [] encode(ObjectNode document) {
    return PER_THREAD.get().write(document);
  }

  private byte @Nullable [] write(ObjectNode document) {
    length = 0;
    // Only the used slots hold references; clearing them lets the strings of the last document go.
    Arrays.fill(names, 0, nameCount, null);
    Arrays.fill(values, 0, valueCount, null);
    nameCount = 0;
    valueCount = 0;
    bytes(HEADER);
    boolean written = value(document, 0);
    Arrays.fill(names, 0, nameCount, null);
    Arrays.fill(values, 0, valueCount, null);
    nameCount = 0;
    valueCount = 0;
    return written ? Arrays.copyOf(out, length) : null;
  }

  private boolean value(JsonNode node, int depth) {
    switch (node) {
      case ObjectNode object -> {
        if (depth >= MAX_DEPTH) {
          return false;
        }
        room(1);
        out[length++] = (byte) 0xFA;
        java.util.Set<java.util.Map.Entry<String, JsonNode>> members = object.properties();
        if (members instanceof Members.Entries small) {
          for (int i = 0; i < small.size(); i++) {
            if (!name(small.key(i)) || !value(small.value(i), depth + 1)) {
              return false;
            }
          }
        } else {
          for (java.util.Map.Entry<String, JsonNode> member : members) {
            if (!name(member.getKey()) || !value(member.getValue(), depth + 1)) {
              return false;
            }
          }
        }
        room(1);
        out[length++] = (byte) 0xFB;
        return true;
      }
      case ArrayNode array -> {
        if (depth >= MAX_DEPTH) {
          return false;
        }
        room(1);
        out[length++] = (byte) 0xF8;
        for (int i = 0; i < array.size(); i++) {
          if (!value(array.get(i), depth + 1)) {
            return false;
          }
        }
        room(1);
        out[length++] = (byte) 0xF9;
        return true;
      }
      case TextNode text -> {
        return string(text.textValue());
      }
      case DoubleNode n -> {
        number(n.doubleValue());
        return true;
      }
      case IntNode n -> {
        number(n.intValue());
        return true;
      }
      case LongNode n -> {
        number(n.longValue());
        return true;
      }
      case BooleanNode b -> {
        room(1);
        out[length++] = b.booleanValue() ? (byte) 0x23 : (byte) 0x22;
        return true;
      }
      case NullNode n -> {
        room(1);
        out[length++] = 0x21;
        return true;
      }
      default -> {
        return false; // big and short numbers, floats, binary, POJOs: Jackson's
      }
    }
  }

  private boolean name(String name) {
    int size = name.length();
    if (size == 0) {
      room(1);
      out[length++] = 0x20;
      return true;
    }
    int hash = name.hashCode();
    for (int i = 0; i < nameCount; i++) {
      if (nameHashes[i] == hash && name.equals(names[i])) {
        room(1);
        out[length++] = (byte) (0x40 + i);
        return true;
      }
    }
    if (size > MAX_SHORT_BYTES || nameCount == MAX_NAMES) {
      return false;
    }
    room(1 + size);
    int start = length++;
    if (!ascii(name)) {
      return false;
    }
    out[start] = (byte) (0x80 + size - 1);
    names[nameCount] = name;
    nameHashes[nameCount++] = hash;
    return true;
  }

  private boolean string(String text) {
    int size = text.length();
    if (size == 0) {
      room(1);
      out[length++] = 0x20;
      return true;
    }
    if (size > MAX_SHORT_BYTES) {
      // Never shared: a long ASCII string between its type byte and an end marker.
      room(2 + size);
      out[length++] = (byte) 0xE0;
      if (!ascii(text)) {
        return false;
      }
      out[length++] = (byte) 0xFC;
      return true;
    }
    int hash = text.hashCode();
    for (int i = 0; i < valueCount; i++) {
      if (valueHashes[i] == hash && text.equals(values[i])) {
        room(1);
        out[length++] = (byte) (1 + i);
        return true;
      }
    }
    if (valueCount == MAX_VALUES) {
      return false;
    }
    room(1 + size);
    int start = length++;
    if (!ascii(text)) {
      return false;
    }
    out[start] = (byte) (0x40 + size - 1);
    values[valueCount] = text;
    valueHashes[valueCount++] = hash;
    return true;
  }

  /** Appends {@code s} as bytes if every character is ASCII (room already made); {@code false} otherwise. */
  private boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7F) {
        return false;
      }
      out[length++] = (byte) c;
    }
    return true;
  }

  private void number(int value) {
    room(6);
    int i = (value << 1) ^ (value >> 31); // zigzag
    if (i >= 0 && i <= 0x1F) {
      out[length++] = (byte) (0xC0 + i);
      return;
    }
    out[length++] = 0x24;
    if (i >= 0 && i <= 0x3F) {
      out[length++] = (byte) (0x80 + i);
      return;
    }
    // 6 bits in the last byte (its high bit set), 7 in each before it, most significant first.
    int last = 0x80 + (i & 0x3F);
    i >>>= 6;
    int count = groupsOf(i);
    for (int g = count - 1; g >= 0; g--) {
      out[length++] = (byte) ((i >>> (7 * g)) & 0x7F);
    }
    out[length++] = (byte) last;
  }

  private static int groupsOf(int rest) {
    int count = 1;
    while ((rest >>>= 7) != 0) {
      count++;
    }
    return count;
  }

  private void number(long value) {
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      number((int) value);
      return;
    }
    room(11);
    long z = (value << 1) ^ (value >> 63); // zigzag
    out[length++] = 0x25;
    int last = 0x80 + (int) (z & 0x3F);
    long rest = z >>> 6;
    int count = 1;
    for (long r = rest >>> 7; r != 0; r >>>= 7) {
      count++;
    }
    for (int g = count - 1; g >= 0; g--) {
      out[length++] = (byte) ((rest >>> (7 * g)) & 0x7F);
    }
    out[length++] = (byte) last;
  }

  private void number(double value) {
    room(11);
    long bits = Double.doubleToRawLongBits(value);
    out[length++] = 0x29;
    // 64 bits in ten 7-bit groups, most significant first (the first group holds the top bit alone).
    for (int g = 9; g >= 0; g--) {
      out[length++] = (byte) ((bits >>> (7 * g)) & 0x7F);
    }
  }

  private void bytes(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, out, length, b.length);
    length += b.length;
  }

  private void room(int needed) {
    if (length + needed > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + needed));
    }
  }
}
