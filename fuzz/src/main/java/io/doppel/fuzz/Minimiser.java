package io.doppel.fuzz;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cuts a failing input down by deleting ever smaller ranges while it still fails the same way (a simple form of
 * delta debugging), so a report shows the few characters that matter instead of a 4 KB mutant.
 */
public final class Minimiser {
  private Minimiser() {}

  public static String text(String input, Predicate<String> stillFails, int maxAttempts) {
    return minimise(input, String::length, (s, from, to) -> s.substring(0, from) + s.substring(to), stillFails,
        maxAttempts);
  }

  public static byte[] bytes(byte[] input, Predicate<byte[]> stillFails, int maxAttempts) {
    return minimise(input, b -> b.length, (b, from, to) -> {
      byte[] out = new byte[b.length - (to - from)];
      System.arraycopy(b, 0, out, 0, from);
      System.arraycopy(b, to, out, from, b.length - to);
      return out;
    }, stillFails, maxAttempts);
  }

  private interface Cut<T> {
    T without(T input, int from, int to);
  }

  private static <T> T minimise(T input, Function<T, Integer> length, Cut<T> cut, Predicate<T> stillFails,
      int maxAttempts) {
    T best = input;
    int attempts = 0;
    for (int chunk = Math.max(1, length.apply(best) / 2); chunk >= 1; chunk /= 2) {
      int start = 0;
      while (start < length.apply(best) && attempts < maxAttempts) {
        int end = Math.min(length.apply(best), start + chunk);
        T candidate = cut.without(best, start, end);
        attempts++;
        if (stillFails.test(candidate)) {
          best = candidate; // keep start: the next range slid into place
        } else {
          start += chunk;
        }
      }
      if (attempts >= maxAttempts) {
        break;
      }
    }
    return best;
  }
}
