package io.doppel.history;

/** Reads the bit fields {@link BitWriter} wrote, from a slice of a byte array. */
final class BitReader {
  private final byte[] data;
  private final long endBit;
  private long pos;

  BitReader(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = (long) offset * 8;
    this.endBit = (long) (offset + length) * 8;
  }

  boolean readBit() {
    if (pos >= endBit) {
      throw corrupt();
    }
    int b = data[(int) (pos >>> 3)] & 0xFF;
    boolean bit = ((b >>> (7 - (pos & 7))) & 1) != 0;
    pos++;
    return bit;
  }

  /** Reads {@code n} bits ({@code 0 <= n <= 64}) as an unsigned value. */
  long read(int n) {
    if (pos + n > endBit) {
      throw corrupt();
    }
    long result = 0;
    int remaining = n;
    while (remaining > 0) {
      int index = (int) (pos >>> 3);
      int used = (int) (pos & 7);
      int available = 8 - used;
      int take = Math.min(available, remaining);
      int bits = ((data[index] & 0xFF) >>> (available - take)) & ((1 << take) - 1);
      result = (result << take) | bits;
      remaining -= take;
      pos += take;
    }
    return result;
  }

  private static IllegalStateException corrupt() {
    return new IllegalStateException("corrupt history chunk: a segment ends before its points do");
  }
}
