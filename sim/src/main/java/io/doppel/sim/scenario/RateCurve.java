package io.doppel.sim.scenario;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Invalid;
import java.util.Arrays;

/**
 * A piecewise-constant arrival rate over {@code [0, horizon)} in equal slots, the form every workload and every
 * time-based change reduces to; it becomes a Poisson process when flat and a profile otherwise. Both draw one
 * random number per arrival in the same way, so a scenario that changes the rate from some time on sees the
 * baseline's arrivals before it (common random numbers).
 */
final class RateCurve {
  /** At most this many slots; finer detail is averaged into slots of horizon / MAX_SLOTS. */
  static final int MAX_SLOTS = 100_000;

  private final double slot;
  private final double[] rates;

  private RateCurve(double slot, double[] rates) {
    this.slot = slot;
    this.rates = rates;
  }

  static RateCurve flat(double horizon, double rate) {
    return new RateCurve(horizon, new double[] {rate});
  }

  /** Rates given per slot of {@code period / rates.length}, repeating, laid over the horizon. */
  static RateCurve repeating(double horizon, double period, double[] given) {
    double givenSlot = period / given.length;
    int slots = (int) Math.min(MAX_SLOTS, Math.ceil(horizon / givenSlot));
    double slot = Math.max(givenSlot, horizon / MAX_SLOTS);
    double[] out = new double[slots];
    for (int i = 0; i < slots; i++) {
      out[i] = average(given, givenSlot, period, i * slot, (i + 1) * slot);
    }
    return new RateCurve(slot, out);
  }

  /** The same rates with {@code factor} applied in {@code [start, start + duration)}, exactly where slots allow. */
  RateCurve times(double factor, double start, double duration, double horizon) {
    return overlay(start, duration, horizon, (r, fraction) -> r * (1 + (factor - 1) * fraction));
  }

  /** A curve that is {@code rate} in {@code [start, start + duration)} and 0 elsewhere. */
  static RateCurve window(double rate, double start, double duration, double horizon) {
    return flat(horizon, 0).overlay(start, duration, horizon, (r, fraction) -> r + rate * fraction);
  }

  private interface Blend {
    double apply(double rate, double fractionCovered);
  }

  private RateCurve overlay(double start, double duration, double horizon, Blend blend) {
    double fine = Math.max(horizon / MAX_SLOTS, gcdSlot(slot, start, start + duration, horizon));
    int slots = (int) Math.min(MAX_SLOTS, Math.ceil(horizon / fine));
    double[] out = new double[slots];
    double end = start + duration;
    for (int i = 0; i < slots; i++) {
      double a = i * fine;
      double b = (i + 1) * fine;
      double covered = Math.max(0, Math.min(b, end) - Math.max(a, start)) / fine;
      out[i] = blend.apply(at(a, b), covered);
    }
    return new RateCurve(fine, out);
  }

  /** The mean rate of this curve over [a, b). */
  private double at(double a, double b) {
    return average(rates, slot, slot * rates.length, a, b);
  }

  private static double average(double[] rates, double slot, double period, double a, double b) {
    double total = 0;
    double t = a;
    while (t < b - 1e-12) {
      // rounding can put floor(t / period) * period a hair past t for tiny periods: never a slot before the first
      double inPeriod = Math.max(0, t - Math.floor(t / period) * period);
      int k = Math.min(rates.length - 1, (int) Math.floor(inPeriod / slot));
      double slotEnd = t + ((k + 1) * slot - inPeriod);
      double next = Math.min(b, slotEnd <= t ? t + slot : slotEnd);
      total += rates[k] * (next - t);
      t = next;
    }
    return total / (b - a);
  }

  /** The largest slot (to a millisecond) that every boundary is a multiple of. */
  private static double gcdSlot(double... boundaries) {
    long g = 0;
    for (double b : boundaries) {
      long ms = Math.round(b * 1000);
      g = gcd(g, Math.abs(ms));
    }
    return g == 0 ? 1 : g / 1000.0;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  boolean flat() {
    return Arrays.stream(rates).allMatch(r -> r == rates[0]);
  }

  double mean() {
    return Arrays.stream(rates).average().orElse(0);
  }

  ArrivalProcess process(String at) {
    if (flat()) {
      return ArrivalProcess.poisson(Invalid.positive(at + ".rate", rates[0]));
    }
    if (Arrays.stream(rates).sum() <= 0) {
      throw Invalid.field(at, "sends no requests over the horizon");
    }
    return ArrivalProcess.profile(slot * rates.length, rates);
  }
}
