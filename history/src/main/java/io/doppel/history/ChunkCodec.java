package io.doppel.history;

/**
 * The on-disk form of points, Gorilla-style (Pelkonen et al., VLDB 2015): timestamps as delta-of-deltas in
 * variable-width bit fields, values XORed with the previous value and stored as their meaningful bits only. A chunk
 * is a sequence of segments, one per write batch that touched it (so appending never re-encodes), each
 * {@code varint length, varint count, varint (first time - chunk start), bits}. A sealed chunk is re-encoded as one
 * segment. Regular 1-second data of a slowly moving value takes a few bits a point; noisy doubles up to ~9 bytes.
 * Texts (string and enum values) go into segments of their own ({@link TextSegments}), marked by a count of 0,
 * which no numeric segment has: chunks written before texts were recorded read unchanged.
 */
final class ChunkCodec {
  private ChunkCodec() {}

  /**
   * The segments of {@code points[from, to)}, strictly ascending times, none before {@code chunkStart}: one numeric
   * or one text segment, or one of each when the run mixes both (a series whose twin changed model).
   */
  static byte[] encode(long chunkStart, Points points, int from, int to) {
    if (to - from <= 0) {
      throw new IllegalArgumentException("a segment holds at least one point");
    }
    int texts = 0;
    for (int i = from; i < to; i++) {
      if (points.text(i) != null) {
        texts++;
      }
    }
    if (texts == 0) {
      return encodeNumbers(chunkStart, points, from, to);
    }
    if (texts == to - from) {
      return TextSegments.encode(chunkStart, points, from, to);
    }
    Points numbers = new Points(to - from - texts);
    Points words = new Points(texts);
    for (int i = from; i < to; i++) {
      String text = points.text(i);
      if (text == null) {
        numbers.add(points.times[i], points.values[i]);
      } else {
        words.add(points.times[i], Double.NaN, text);
      }
    }
    byte[] a = encodeNumbers(chunkStart, numbers, 0, numbers.size);
    byte[] b = TextSegments.encode(chunkStart, words, 0, words.size);
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static byte[] encodeNumbers(long chunkStart, Points points, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      throw new IllegalArgumentException("a segment holds at least one point");
    }
    BitWriter bits = new BitWriter(n * 3 + 16);
    long t0 = points.times[from];
    long prevTime = t0;
    long prevDelta = 0;
    long prevBits = Double.doubleToRawLongBits(points.values[from]);
    bits.write(prevBits, 64);
    int prevLead = -1;
    int prevTrail = 0;
    for (int i = from + 1; i < to; i++) {
      long t = points.times[i];
      long delta = t - prevTime;
      writeDod(bits, delta - prevDelta);
      prevDelta = delta;
      prevTime = t;
      long valueBits = Double.doubleToRawLongBits(points.values[i]);
      long xor = valueBits ^ prevBits;
      prevBits = valueBits;
      if (xor == 0) {
        bits.writeBit(false);
        continue;
      }
      bits.writeBit(true);
      int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
      int trail = Long.numberOfTrailingZeros(xor);
      if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
        bits.writeBit(false);
        bits.write(xor >>> prevTrail, 64 - prevLead - prevTrail);
      } else {
        int significant = 64 - lead - trail;
        bits.writeBit(true);
        bits.write(lead, 5);
        bits.write(significant - 1, 6);
        bits.write(xor >>> trail, significant);
        prevLead = lead;
        prevTrail = trail;
      }
    }
    byte[] body = bits.toBytes();
    byte[] head = new byte[20];
    int h = Varints.put(head, 0, n);
    h = Varints.put(head, h, t0 - chunkStart);
    byte[] prefix = new byte[10];
    int p = Varints.put(prefix, 0, h + body.length);
    byte[] out = new byte[p + h + body.length];
    System.arraycopy(prefix, 0, out, 0, p);
    System.arraycopy(head, 0, out, p, h);
    System.arraycopy(body, 0, out, p + h, body.length);
    return out;
  }

  /**
   * Every point of a chunk, ascending and unique by time. Segments appended out of order (late points) are merged;
   * of equal times the later segment wins, as the later write.
   */
  static Points decode(long chunkStart, byte[] data) {
    Points all = null;
    int[] cursor = {0};
    while (cursor[0] < data.length) {
      Points segment = decodeSegment(chunkStart, data, cursor);
      if (all == null) {
        all = segment;
      } else if (segment.first() > all.last()) {
        append(all, segment);
      } else {
        all = merge(all, segment);
      }
    }
    return all == null ? new Points(0) : all;
  }

  /**
   * What a chunk holds, from its segment headers alone (nothing is decoded): the points its segments carry (a late
   * point repeating a time is counted twice until the chunk is sealed, so this is an estimate) and the earliest
   * time among them.
   */
  record Summary(long points, long earliest) {}

  static Summary summarize(long chunkStart, byte[] data) {
    long points = 0;
    long earliest = Long.MAX_VALUE;
    int[] cursor = {0};
    while (cursor[0] < data.length) {
      int length = (int) Varints.get(data, cursor);
      int end = cursor[0] + length;
      if (length <= 0 || end > data.length) {
        throw new IllegalStateException("corrupt history chunk: a segment runs past the chunk's end");
      }
      long n = Varints.get(data, cursor);
      if (n == 0) {
        Varints.get(data, cursor); // the kind
        n = Varints.get(data, cursor);
      }
      earliest = Math.min(earliest, chunkStart + Varints.get(data, cursor));
      points += n;
      cursor[0] = end;
    }
    return new Summary(points, earliest);
  }

  private static Points decodeSegment(long chunkStart, byte[] data, int[] cursor) {
    int length = (int) Varints.get(data, cursor);
    int end = cursor[0] + length;
    if (length <= 0 || end > data.length) {
      throw new IllegalStateException("corrupt history chunk: a segment runs past the chunk's end");
    }
    int n = (int) Varints.get(data, cursor);
    if (n == 0) {
      return TextSegments.decode(chunkStart, data, cursor, end);
    }
    long time = chunkStart + Varints.get(data, cursor);
    BitReader bits = new BitReader(data, cursor[0], end - cursor[0]);
    Points out = new Points(n);
    long valueBits = bits.read(64);
    out.add(time, Double.longBitsToDouble(valueBits));
    long delta = 0;
    int lead = 0;
    int trail = 0;
    for (int i = 1; i < n; i++) {
      delta += readDod(bits);
      time += delta;
      if (bits.readBit()) {
        if (bits.readBit()) {
          lead = (int) bits.read(5);
          int significant = (int) bits.read(6) + 1;
          trail = 64 - lead - significant;
        }
        valueBits ^= bits.read(64 - lead - trail) << trail;
      }
      out.add(time, Double.longBitsToDouble(valueBits));
    }
    cursor[0] = end;
    return out;
  }

  private static void writeDod(BitWriter bits, long dod) {
    if (dod == 0) {
      bits.writeBit(false);
    } else if (dod >= -63 && dod <= 64) {
      bits.write(0b10, 2);
      bits.write(dod + 63, 7);
    } else if (dod >= -255 && dod <= 256) {
      bits.write(0b110, 3);
      bits.write(dod + 255, 9);
    } else if (dod >= -2047 && dod <= 2048) {
      bits.write(0b1110, 4);
      bits.write(dod + 2047, 12);
    } else {
      bits.write(0b1111, 4);
      bits.write(dod, 64);
    }
  }

  private static long readDod(BitReader bits) {
    if (!bits.readBit()) {
      return 0;
    }
    if (!bits.readBit()) {
      return bits.read(7) - 63;
    }
    if (!bits.readBit()) {
      return bits.read(9) - 255;
    }
    if (!bits.readBit()) {
      return bits.read(12) - 2047;
    }
    return bits.read(64);
  }

  private static void append(Points all, Points tail) {
    for (int i = 0; i < tail.size; i++) {
      all.add(tail.times[i], tail.values[i], tail.text(i));
    }
  }

  /** Merges two ascending runs; on equal times {@code newer} wins. */
  private static Points merge(Points older, Points newer) {
    Points out = new Points(older.size + newer.size);
    int i = 0;
    int j = 0;
    while (i < older.size || j < newer.size) {
      if (j == newer.size || (i < older.size && older.times[i] < newer.times[j])) {
        out.add(older.times[i], older.values[i], older.text(i));
        i++;
      } else {
        if (i < older.size && older.times[i] == newer.times[j]) {
          i++;
        }
        out.add(newer.times[j], newer.values[j], newer.text(j));
        j++;
      }
    }
    return out;
  }
}
