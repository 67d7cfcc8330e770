package io.doppel.history;

/** Unsigned LEB128 varints for the segment headers (lengths, counts, offsets: never negative). */
final class Varints {
  private Varints() {}

  /** Writes {@code value} at {@code offset} and returns the offset after it. */
  static int put(byte[] out, int offset, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints here are unsigned, got " + value);
    }
    int i = offset;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out[i++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[i++] = (byte) v;
    return i;
  }

  /** Reads a varint at {@code cursor[0]} and advances it. */
  static long get(byte[] in, int[] cursor) {
    long result = 0;
    int shift = 0;
    int i = cursor[0];
    while (true) {
      if (i >= in.length || shift > 63) {
        throw new IllegalStateException("corrupt history chunk: a varint runs past the chunk's end");
      }
      byte b = in[i++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        cursor[0] = i;
        return result;
      }
      shift += 7;
    }
  }
}
