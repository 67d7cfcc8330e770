package io.doppel.stream.routes;

/** Counts per second over the last minute, for a rate that reacts within seconds and never grows in memory. */
final class RateWindow {
  static final int SECONDS = 60;
  private final long[] counts = new long[SECONDS];
  private final long[] stamps = new long[SECONDS];

  synchronized void add(long count, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    int i = (int) Math.floorMod(second, SECONDS);
    if (stamps[i] != second) {
      stamps[i] = second;
      counts[i] = 0;
    }
    counts[i] += count;
  }

  /** Events per second over the minute before {@code epochMillis}. */
  synchronized double perSecond(long epochMillis) {
    long now = Math.floorDiv(epochMillis, 1000);
    long sum = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (now - stamps[i] < SECONDS && stamps[i] <= now) {
        sum += counts[i];
      }
    }
    return sum / (double) SECONDS;
  }
}
