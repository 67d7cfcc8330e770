package io.doppel.ingest.spi;

/**
 * How many dead letters a store keeps. When one more would go past either limit, the oldest letters are removed to
 * make room and counted in {@link DeadLetterStore#evicted()} (and logged): new failures are what an operator needs
 * to see, and refusing them would stop every connector behind one bad device. Nothing goes silently.
 *
 * @param maxCount the most letters kept
 * @param maxBytes the most payload bytes kept (a single letter larger than this is still kept, alone)
 */
public record DeadLetterLimits(long maxCount, long maxBytes) {
  public static final DeadLetterLimits DEFAULT = new DeadLetterLimits(100_000, 256L << 20);

  public DeadLetterLimits {
    if (maxCount < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("dead-letter limits must be positive, were " + maxCount + " letters and "
          + maxBytes + " bytes");
    }
  }
}
