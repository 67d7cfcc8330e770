package io.doppel.history;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Segments of text points (string and enum values): {@code varint length, varint 0 (no numeric segment has 0
 * points), varint kind = 1, varint count, varint (first time - chunk start), byte packing, body}. The body holds,
 * per point, {@code varint (time - previous time)} (none for the first) and {@code varint ref}: 0 for a text seen
 * for the first time in the segment, followed by {@code varint byte length} and its UTF-8, else the 1-based index of
 * an earlier one. Status-like values repeat, so most points cost two or three bytes; packing 1 means the body is
 * deflated, chosen only when that is smaller (a sealed chunk is re-encoded as one segment, where it pays most).
 */
final class TextSegments {
  static final int KIND_TEXT = 1;
  private static final int PLAIN = 0;
  private static final int DEFLATED = 1;
  private static final int DEFLATE_FROM = 64;

  private TextSegments() {}

  /** One segment of the text points {@code points[from, to)}, strictly ascending times. */
  static byte[] encode(long chunkStart, Points points, int from, int to) {
    int n = to - from;
    ByteArrayOutputStream body = new ByteArrayOutputStream(n * 4 + 16);
    Map<String, Integer> seen = new HashMap<>();
    byte[] scratch = new byte[10];
    long previous = points.times[from];
    for (int i = from; i < to; i++) {
      if (i > from) {
        varint(body, scratch, points.times[i] - previous);
        previous = points.times[i];
      }
      String text = points.text(i);
      if (text == null) {
        throw new IllegalArgumentException("a text segment holds texts only; point " + i + " is a number");
      }
      Integer ref = seen.get(text);
      if (ref != null) {
        varint(body, scratch, ref);
      } else {
        seen.put(text, seen.size() + 1);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        varint(body, scratch, 0);
        varint(body, scratch, utf8.length);
        body.writeBytes(utf8);
      }
    }
    byte[] plain = body.toByteArray();
    byte[] packed = plain.length >= DEFLATE_FROM ? deflate(plain) : null;
    boolean deflated = packed != null && packed.length < plain.length;
    byte[] payload = deflated ? packed : plain;
    byte[] head = new byte[40];
    int h = Varints.put(head, 0, 0);
    h = Varints.put(head, h, KIND_TEXT);
    h = Varints.put(head, h, n);
    h = Varints.put(head, h, points.times[from] - chunkStart);
    head[h++] = (byte) (deflated ? DEFLATED : PLAIN);
    byte[] prefix = new byte[10];
    int p = Varints.put(prefix, 0, h + payload.length);
    byte[] out = new byte[p + h + payload.length];
    System.arraycopy(prefix, 0, out, 0, p);
    System.arraycopy(head, 0, out, p, h);
    System.arraycopy(payload, 0, out, p + h, payload.length);
    return out;
  }

  /**
   * Decodes the rest of a text segment whose length and 0 count have been read; {@code end} is where the segment
   * ends, and the cursor is left there.
   */
  static Points decode(long chunkStart, byte[] data, int[] cursor, int end) {
    long kind = Varints.get(data, cursor);
    if (kind != KIND_TEXT) {
      throw new IllegalStateException("corrupt history chunk: unknown segment kind " + kind);
    }
    int n = (int) Varints.get(data, cursor);
    long time = chunkStart + Varints.get(data, cursor);
    if (cursor[0] >= end) {
      throw new IllegalStateException("corrupt history chunk: a text segment has no body");
    }
    int packing = data[cursor[0]++];
    byte[] body = Arrays.copyOfRange(data, cursor[0], end);
    if (packing == DEFLATED) {
      body = inflate(body);
    } else if (packing != PLAIN) {
      throw new IllegalStateException("corrupt history chunk: unknown text packing " + packing);
    }
    int[] at = {0};
    List<String> dictionary = new ArrayList<>();
    Points out = new Points(n);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        time += Varints.get(body, at);
      }
      int ref = (int) Varints.get(body, at);
      String text;
      if (ref == 0) {
        int length = (int) Varints.get(body, at);
        if (length < 0 || at[0] + length > body.length) {
          throw new IllegalStateException("corrupt history chunk: a text runs past its segment");
        }
        text = new String(body, at[0], length, StandardCharsets.UTF_8);
        at[0] += length;
        dictionary.add(text);
      } else if (ref <= dictionary.size()) {
        text = dictionary.get(ref - 1);
      } else {
        throw new IllegalStateException("corrupt history chunk: text reference " + ref + " of " + dictionary.size());
      }
      out.add(time, Double.NaN, text);
    }
    cursor[0] = end;
    return out;
  }

  private static void varint(ByteArrayOutputStream out, byte[] scratch, long value) {
    int n = Varints.put(scratch, 0, value);
    out.write(scratch, 0, n);
  }

  private static byte[] deflate(byte[] plain) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(plain);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] packed) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(packed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 3 + 16);
      byte[] buffer = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("corrupt history chunk: a deflated text segment ends early");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt history chunk: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }
}
