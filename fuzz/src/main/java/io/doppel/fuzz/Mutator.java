package io.doppel.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A seeded mutation engine over bytes, in the manner of AFL's havoc stage: each input is a seed from the corpus
 * with one to sixteen stacked edits. Edits are bit flips, "interesting" bytes, small arithmetic, deleting,
 * duplicating and repeating ranges (repeats build deep nesting such as 5,000 {@code [}), inserting random bytes or
 * a dictionary token, and splicing with another seed. The same random generator state gives the same input.
 */
public final class Mutator {
  private static final byte[] INTERESTING = {0, 1, -1, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, ' ', '\n', '"',
      '\'', '\\', '{', '}', '[', ']', ',', ':', '0', '9', '-', '.', 'e', '$', '/', '#', '+', '*', '(', ')'};
  private static final int EDITS = 12;

  private final List<byte[]> corpus;
  private final List<byte[]> dictionary;
  private final int maxLength;

  /**
   * @param corpus the seeds (at least one)
   * @param dictionary tokens of the target's language ({@code SELECT}, {@code "@type"}, ...), may be empty
   * @param maxLength inputs are cut to this many bytes, so repeats cannot grow without bound
   */
  public Mutator(List<byte[]> corpus, List<byte[]> dictionary, int maxLength) {
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException("a mutator needs at least one seed");
    }
    this.corpus = List.copyOf(corpus);
    this.dictionary = List.copyOf(dictionary);
    this.maxLength = maxLength;
  }

  /** A mutator over text seeds and text tokens (UTF-8). */
  public static Mutator ofText(List<String> corpus, List<String> dictionary, int maxLength) {
    return new Mutator(corpus.stream().map(Mutator::utf8).toList(), dictionary.stream().map(Mutator::utf8).toList(),
        maxLength);
  }

  public int corpusSize() {
    return corpus.size();
  }

  /** A new input: a random seed with stacked random edits. */
  public byte[] next(RandomGenerator random) {
    byte[] data = corpus.get(random.nextInt(corpus.size()));
    // two thirds get one edit (most of a structured seed survives), the rest 1, 2, 4, 8 or 16 stacked edits
    int edits = random.nextInt(3) == 0 ? 1 << random.nextInt(5) : 1;
    for (int i = 0; i < edits; i++) {
      data = edit(data, random);
    }
    return data.length > maxLength ? Arrays.copyOf(data, maxLength) : data;
  }

  /** A new input as text (invalid UTF-8 becomes U+FFFD, as a server reading the bytes would see it). */
  public String nextText(RandomGenerator random) {
    return new String(next(random), StandardCharsets.UTF_8);
  }

  private byte[] edit(byte[] data, RandomGenerator random) {
    int kind = random.nextInt(EDITS);
    if (data.length == 0 && kind < 8) {
      return insert(data, 0, token(random));
    }
    return switch (kind) {
      case 0 -> flipBit(data, random);
      case 1 -> set(data, random.nextInt(data.length), INTERESTING[random.nextInt(INTERESTING.length)]);
      case 2 -> set(data, random.nextInt(data.length), (byte) (data[random.nextInt(data.length)] + random.nextInt(-8, 9)));
      case 3 -> delete(data, random);
      case 4 -> duplicate(data, random);
      case 5 -> repeat(data, random);
      case 6, 7 -> replace(data, random);
      case 8 -> insert(data, random.nextInt(data.length + 1), randomBytes(random));
      case 9, 10 -> insert(data, random.nextInt(data.length + 1), token(random));
      default -> splice(data, random);
    };
  }

  private static byte[] flipBit(byte[] data, RandomGenerator random) {
    int at = random.nextInt(data.length);
    return set(data, at, (byte) (data[at] ^ (1 << random.nextInt(8))));
  }

  private static byte[] set(byte[] data, int at, byte value) {
    byte[] out = data.clone();
    out[at] = value;
    return out;
  }

  private static byte[] delete(byte[] data, RandomGenerator random) {
    int from = random.nextInt(data.length);
    int length = rangeLength(random, data.length - from);
    byte[] out = new byte[data.length - length];
    System.arraycopy(data, 0, out, 0, from);
    System.arraycopy(data, from + length, out, from, data.length - from - length);
    return out;
  }

  private static byte[] duplicate(byte[] data, RandomGenerator random) {
    int from = random.nextInt(data.length);
    int length = rangeLength(random, data.length - from);
    return insert(data, random.nextInt(data.length + 1), Arrays.copyOfRange(data, from, from + length));
  }

  /** One short range repeated up to thousands of times in place: nesting bombs and long runs. */
  private byte[] repeat(byte[] data, RandomGenerator random) {
    int from = random.nextInt(data.length);
    int length = Math.min(1 + random.nextInt(4), data.length - from);
    int times = 1 << (1 + random.nextInt(13)); // 2 .. 8,192
    times = Math.max(1, Math.min(times, (maxLength - data.length) / length));
    byte[] unit = Arrays.copyOfRange(data, from, from + length);
    byte[] run = new byte[unit.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(unit, 0, run, i * unit.length, unit.length);
    }
    return insert(data, from, run);
  }

  private byte[] replace(byte[] data, RandomGenerator random) {
    int from = random.nextInt(data.length);
    int length = rangeLength(random, data.length - from);
    byte[] token = random.nextBoolean() ? token(random) : randomBytes(random);
    byte[] out = new byte[data.length - length + token.length];
    System.arraycopy(data, 0, out, 0, from);
    System.arraycopy(token, 0, out, from, token.length);
    System.arraycopy(data, from + length, out, from + token.length, data.length - from - length);
    return out;
  }

  /** The head of this input up to a random point, then another seed from a random point on. */
  private byte[] splice(byte[] data, RandomGenerator random) {
    byte[] other = corpus.get(random.nextInt(corpus.size()));
    int cut = random.nextInt(data.length + 1);
    int otherCut = other.length == 0 ? 0 : random.nextInt(other.length + 1);
    byte[] out = new byte[cut + other.length - otherCut];
    System.arraycopy(data, 0, out, 0, cut);
    System.arraycopy(other, otherCut, out, cut, other.length - otherCut);
    return out;
  }

  private byte[] token(RandomGenerator random) {
    if (dictionary.isEmpty() || random.nextInt(8) == 0) {
      return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
    }
    return dictionary.get(random.nextInt(dictionary.size()));
  }

  private static byte[] randomBytes(RandomGenerator random) {
    byte[] out = new byte[1 + random.nextInt(8)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static byte[] insert(byte[] data, int at, byte[] piece) {
    byte[] out = new byte[data.length + piece.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(data, at, out, at + piece.length, data.length - at);
    return out;
  }

  /** Mostly short ranges (a token), sometimes long ones (a whole member). */
  private static int rangeLength(RandomGenerator random, int available) {
    int cap = random.nextInt(4) == 0 ? available : Math.min(available, 16);
    return 1 + random.nextInt(Math.max(1, cap));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
