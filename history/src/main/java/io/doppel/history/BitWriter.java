package io.doppel.history;

import java.util.Arrays;

/** Writes bit fields most significant bit first, 64 at a time through an accumulator. */
final class BitWriter {
  private byte[] buf;
  private int size;
  private long acc;
  private int accBits;

  BitWriter(int expectedBytes) {
    this.buf = new byte[Math.max(16, expectedBytes)];
  }

  /** Writes the low {@code n} bits of {@code value} ({@code 0 <= n <= 64}). */
  void write(long value, int n) {
    if (n == 0) {
      return;
    }
    long bits = n == 64 ? value : value & ((1L << n) - 1);
    int free = 64 - accBits;
    if (n < free) {
      acc = (acc << n) | bits;
      accBits += n;
    } else if (n == free) {
      acc = free == 64 ? bits : (acc << n) | bits;
      accBits = 64;
      flush();
    } else {
      int rest = n - free;
      acc = (acc << free) | (bits >>> rest);
      accBits = 64;
      flush();
      acc = bits & ((1L << rest) - 1);
      accBits = rest;
    }
  }

  void writeBit(boolean bit) {
    write(bit ? 1 : 0, 1);
  }

  /** The bits written so far, padded with zeros to whole bytes. */
  byte[] toBytes() {
    int tailBytes = (accBits + 7) >>> 3;
    byte[] out = Arrays.copyOf(buf, size + tailBytes);
    long tail = accBits == 0 ? 0 : acc << (64 - accBits);
    for (int i = 0; i < tailBytes; i++) {
      out[size + i] = (byte) (tail >>> (56 - 8 * i));
    }
    return out;
  }

  private void flush() {
    if (size + 8 > buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    for (int i = 0; i < 8; i++) {
      buf[size + i] = (byte) (acc >>> (56 - 8 * i));
    }
    size += 8;
    acc = 0;
    accBits = 0;
  }
}
